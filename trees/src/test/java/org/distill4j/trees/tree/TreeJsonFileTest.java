package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * JSON tree files carry a format name, a version and a CRC32 of the tree text: a truncated, corrupted, edited,
 * wrong-format, newer-version or absurdly declared file fails to load with an {@link IOException} saying why.
 */
class TreeJsonFileTest {

    @TempDir
    Path dir;

    private static ClassificationTree tree() {
        INDArray x = TreeFixtures.gaussian(200, 3, 4);
        return new CartTrainer(TreeConfig.builder().maxLeaves(5).build()).fitClassifier(x,
                TreeFixtures.softTargets(x, 2, 5));
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("tree.json");
        TreeJson.save(tree(), file);
        return file;
    }

    private void assertRejected(String text, String message) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TreeJson.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    @Test
    void theFileIsTheCompactTreeDocumentInAChecksummedEnvelope() throws IOException {
        ClassificationTree tree = tree();
        String text = Files.readString(saved());
        String document = tree.toJson();
        assertThat(text).isEqualTo("{\"format\":\"distill4j-tree\",\"formatVersion\":1,\"crc32\":\""
                + TreeJsonEnvelope.crc32(document) + "\",\"tree\":" + document + "}\n");
        assertThat(TreeJson.load(saved())).isEqualTo(tree);
        assertThat(dir.toFile().list()).as("no temporary file is left").containsExactly("tree.json");
    }

    @Test
    void whitespaceFieldOrderAndUnknownFieldsInTheEnvelopeAreAccepted() throws IOException {
        String document = tree().toJson();
        Path file = dir.resolve("pretty.json");
        Files.writeString(file, "{\n  \"createdBy\": {\"tool\": [1, 2]},\n  \"tree\": " + document
                + ",\n  \"crc32\": \"" + TreeJsonEnvelope.crc32(document).toUpperCase() + "\",\n  \"formatVersion\": 1,"
                + "\n  \"format\": \"distill4j-tree\"\n}\n");
        assertThat(TreeJson.load(file)).isEqualTo(tree());
    }

    @Test
    void truncatedFilesFailClearly() throws IOException {
        String text = Files.readString(saved());
        for (int length : new int[] {0, 1, 30, text.length() / 2, text.length() - 3}) {
            Path file = dir.resolve("cut.json");
            Files.writeString(file, text.substring(0, length));
            assertThatThrownBy(() -> TreeJson.load(file)).as("cut at %s", length).isInstanceOf(IOException.class);
        }
        assertRejected(text.substring(0, text.length() - 3), "truncated");
    }

    @Test
    void corruptedOrEditedTreesFailTheChecksum() throws IOException {
        String text = Files.readString(saved());
        int at = text.indexOf("\"samples\":") + "\"samples\":".length();
        char digit = text.charAt(at);
        assertRejected(text.substring(0, at) + (char) (digit == '9' ? '8' : digit + 1) + text.substring(at + 1),
                "checksum mismatch");
        assertRejected(text.replaceFirst("\"crc32\":\"[0-9a-f]{8}\"", "\"crc32\":\"00000000\""), "checksum mismatch");
    }

    @Test
    void otherFormatsAndNewerVersionsAreRefused() throws IOException {
        String text = Files.readString(saved());
        assertRejected(tree().toJson(), "not a distill4j tree file");
        assertRejected(text.replace("\"distill4j-tree\"", "\"distill4j-forest\""), "format must be");
        assertRejected(text.replace("\"formatVersion\":1", "\"formatVersion\":2"), "newer than this library");
        assertRejected(text.replace("\"formatVersion\":1", "\"formatVersion\":0"), "formatVersion must be >= 1");
        assertRejected(text.replace("\"formatVersion\":1", "\"formatVersion\":1e9"), "formatVersion");
        assertRejected(text.replace("\"formatVersion\":1,", ""), "no formatVersion");
        assertRejected("[" + text.trim() + "]", "JSON object");
        assertRejected(text.trim() + "{}", "content after");
    }

    @Test
    void declaredSizesAndNestingAreBoundedBeforeAllocating() throws IOException {
        String document = "{\"type\":\"regression\",\"inputSize\":1,\"outputs\":2000000000,\"nodes\":[{\"id\":0,"
                + "\"samples\":1,\"impurity\":0,\"value\":[1]}]}";
        assertRejected(envelope(document), "cannot fit");
        assertRejected(envelope("{\"type\":\"regression\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                "nest deeper");
        assertThatThrownBy(() -> TreeJson.read("[".repeat(100_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nest deeper");
        assertRejected(envelope(document.replace("2000000000", "1").replace("\"inputSize\":1", "\"inputSize\":-1")),
                "inputSize");
    }

    private static String envelope(String document) {
        return "{\"format\":\"distill4j-tree\",\"formatVersion\":1,\"crc32\":\"" + TreeJsonEnvelope.crc32(document)
                + "\",\"tree\":" + document + "}";
    }
}
