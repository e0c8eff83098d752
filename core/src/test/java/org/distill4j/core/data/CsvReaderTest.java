package org.distill4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheSklearnLayout() throws IOException {
        Dataset data = CsvReader.readSklearn(text("3,2,left,right\n1.5,2,0\n\n-3,4e1,1\n5,6,1\n"), "mem", "t");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.numFeatures()).isEqualTo(2);
        assertThat(data.classNames()).containsExactly("left", "right");
        assertThat(data.labels()).containsExactly(0, 1, 1);
        assertThat(data.features().getRow(1).toDoubleVector()).containsExactly(-3, 40);
    }

    @Test
    void readsPlainFilesWithHeaderLabelColumnAndGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("label,x,y\n2,0.5,1\n0,1.5,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Path path = dir.resolve("plain.csv.gz");
        Files.write(path, bytes.toByteArray());
        Dataset data = CsvReader.readPlain(path, "p", true, 0);
        assertThat(data.labels()).containsExactly(2, 0);
        assertThat(data.numClasses()).isEqualTo(3);
        assertThat(data.classNames()).containsExactly("0", "1", "2");
        assertThat(data.features().getRow(0).toDoubleVector()).containsExactly(0.5, 1);
        Dataset last = CsvReader.readPlain(text("1,2,1.0\n3,4,0\n"), "mem", "q", false, -1);
        assertThat(last.labels()).containsExactly(1, 0);
        assertThat(last.features().getRow(1).toDoubleVector()).containsExactly(3, 4);
    }

    @Test
    void raggedRowsNameTheLine() {
        assertThatThrownBy(() -> CsvReader.readSklearn(text("2,2,a,b\n1,2,0\n\n1,2\n"), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("mem line 4")
                .hasMessageContaining("expected 3 columns, got 2");
        assertThatThrownBy(() -> CsvReader.readPlain(text("1,2,0\n1,2,3,0\n"), "mem", "t", false, -1))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("got 4");
    }

    @Test
    void nonNumericFieldsNameTheLineAndColumn() {
        assertThatThrownBy(() -> CsvReader.readSklearn(text("2,2,a,b\n1,2,0\n1,x7,1\n"), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("mem line 3")
                .hasMessageContaining("column 1 is not a number: 'x7'");
        assertThatThrownBy(() -> CsvReader.readPlain(text("h\n1,NaN,0\n"), "mem", "t", true, -1))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("not finite");
    }

    @Test
    void badHeadersLabelsAndCounts() {
        assertThatThrownBy(() -> CsvReader.readSklearn(text("3,2,a,b\n1,2,0\n"), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1")
                .hasMessageContaining("announces 3 rows, the file has 1");
        assertThatThrownBy(() -> CsvReader.readSklearn(text("n,2,a,b\n1,2,0\n"), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("n must be an integer");
        assertThatThrownBy(() -> CsvReader.readSklearn(text("1,2,a,b\n1,2,2\n"), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2")
                .hasMessageContaining("an integer in [0, 2)");
        assertThatThrownBy(() -> CsvReader.readPlain(text("1,2,0.5\n"), "mem", "t", false, 2))
                .isInstanceOf(IOException.class).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> CsvReader.readPlain(text("1,2,0\n"), "mem", "t", false, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelColumn");
        assertThatThrownBy(() -> CsvReader.readSklearn(text(""), "mem", "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("empty");
    }
}
