package org.distill4j.docs.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @TempDir
    Path dir;

    @Test
    void writesAPngWithTheSeriesColoursInsideThePlotArea() throws Exception {
        Path file = dir.resolve("sub/plot.png");
        LinePlot.titled("error vs time").xLabel("seconds").yLabel("|error|").logX().logY()
                .series("AIS", new double[] {0.1, 1, 10}, new double[] {1, 0.1, 0.01})
                .series("NADE IS", new double[] {0.1, 1, 10}, new double[] {0.5, Double.NaN, 0.001})
                .write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        int blue = 0;
        int red = 0;
        for (int y = 60; y < 520; y++) {
            for (int x = 100; x < 600; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                red += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertThat(blue).isGreaterThan(100);
        assertThat(red).isGreaterThan(20);
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThatThrownBy(() -> LinePlot.titled("t").series("a", new double[2], new double[3]))
                .hasMessageContaining("same length");
        assertThatThrownBy(() -> LinePlot.titled("t").write(dir.resolve("x.png")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LinePlot.titled("t").logY()
                .series("a", new double[] {1, 2}, new double[] {0, -1}).write(dir.resolve("y.png")))
                .hasMessageContaining("no finite point");
    }
}
