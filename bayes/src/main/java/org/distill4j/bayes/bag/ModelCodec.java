package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.distill4j.bayes.model.PredictiveModel;

/**
 * Describes one kind of {@link PredictiveModel} as a small JSON-able map, and rebuilds the model from it, so
 * that a {@link PosteriorBag} file records which model its samples belong to and with what configuration (input
 * size, classes, prior, ...). The samples themselves are stored as arrays; the description holds only what the
 * model's constructor needs.
 *
 * <p>A bag is saved and loaded with a {@link ModelCodecs} registry of codecs; a codec is usually written in a few
 * lines with {@link #of}. Implementations must be thread-safe and stateless.
 */
public interface ModelCodec {

    /** A stable, non-empty name of the model kind written into bag files, e.g. {@code "logistic-regression"}. */
    String kind();

    /** Whether this codec describes {@code model} (usually: whether it is of the codec's class). */
    boolean handles(PredictiveModel model);

    /**
     * The model's configuration: strings, numbers, booleans, lists and maps of those.
     *
     * @param model a model this codec {@link #handles}
     */
    Map<String, ?> describe(PredictiveModel model);

    /**
     * Rebuilds a model from what {@link #describe} wrote (numbers may come back as another boxed type: use
     * {@link Number} methods).
     *
     * @throws IOException if the description is missing a field or holds an invalid value
     */
    PredictiveModel restore(Map<String, Object> description) throws IOException;

    /**
     * A codec for the models of one class.
     *
     * @param kind the name written into files
     * @param type the model class; {@link #handles} accepts its instances
     * @param describe the model's configuration
     * @param restore rebuilds the model (possibly as another class with the same predictive, e.g. a predictive-only
     *     version of a model that holds its training data); an {@link IllegalArgumentException},
     *     {@link ClassCastException} or {@link NullPointerException} it throws becomes an {@link IOException}
     * @param <M> the model class
     */
    static <M extends PredictiveModel> ModelCodec of(String kind, Class<M> type,
            Function<? super M, ? extends Map<String, ?>> describe,
            Function<Map<String, Object>, ? extends PredictiveModel> restore) {
        checkArgument(kind != null && !kind.isEmpty(), "kind must be non-empty, got %s", kind);
        checkNotNull(type, "type");
        checkNotNull(describe, "describe");
        checkNotNull(restore, "restore");
        return new ModelCodec() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean handles(PredictiveModel model) {
                return type.isInstance(model);
            }

            @Override
            public Map<String, ?> describe(PredictiveModel model) {
                checkArgument(type.isInstance(model), "codec %s describes %s, got %s", kind, type.getName(),
                        model == null ? null : model.getClass().getName());
                return describe.apply(type.cast(model));
            }

            @Override
            public PredictiveModel restore(Map<String, Object> description) throws IOException {
                try {
                    return restore.apply(description);
                } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                    throw new IOException("cannot rebuild a " + kind + " model from " + description + ": "
                            + e.getMessage(), e);
                }
            }

            @Override
            public String toString() {
                return "ModelCodec[" + kind + " -> " + type.getSimpleName() + "]";
            }
        };
    }
}
