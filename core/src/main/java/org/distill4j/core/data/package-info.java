/**
 * Labelled data sets and their readers: {@link org.distill4j.core.data.Dataset} (features {@code [n, d]} FLOAT,
 * integer labels, class names), readers for IDX (MNIST, Fashion-MNIST), numeric CSV (the scikit-learn layout
 * and plain tables) and NumPy {@code .npy} files, a {@code .npy} writer, and small real data sets embedded in
 * the jar for tours and tests ({@link org.distill4j.core.data.EmbeddedDatasets}: UCI digits, breast cancer,
 * wine, iris, and a Fashion-MNIST subset). Their sources and licences are listed in the project's NOTICE file.
 */
package org.distill4j.core.data;
