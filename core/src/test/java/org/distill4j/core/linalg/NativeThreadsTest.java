package org.distill4j.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

class NativeThreadsTest {

    @Test
    void smallMachinesGetOneThreadUnlessThePropertySaysOtherwise() {
        assertThat(NativeThreads.defaultThreads(null, 2)).isEqualTo(1);
        assertThat(NativeThreads.defaultThreads(null, 1)).isEqualTo(1);
        assertThat(NativeThreads.defaultThreads(null, 16)).isZero();
        assertThat(NativeThreads.defaultThreads("keep", 2)).isZero();
        assertThat(NativeThreads.defaultThreads(" 3 ", 2)).isEqualTo(3);
        assertThat(NativeThreads.defaultThreads("4", 64)).isEqualTo(4);
    }

    @Test
    void rejectsPropertiesThatAreNeitherKeepNorACount() {
        assertThatThrownBy(() -> NativeThreads.defaultThreads("0", 2)).hasMessageContaining("thread count >= 1");
        assertThatThrownBy(() -> NativeThreads.defaultThreads("many", 2)).hasMessageContaining("distill4j.nativeThreads");
        assertThatThrownBy(() -> NativeThreads.configure(0)).hasMessageContaining("threads must be >= 1");
    }

    @Test
    void configureSetsOpenBlasThreads() {
        int before = openblas_nolapack.blas_get_num_threads();
        try {
            NativeThreads.configure(1);
            assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
        } finally {
            NativeThreads.configure(Math.max(1, before));
        }
    }
}
