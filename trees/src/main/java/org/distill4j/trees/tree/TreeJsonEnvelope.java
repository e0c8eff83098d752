package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * The versioned, checksummed envelope of tree files ({@link TreeJson#save}):
 * {@code {"format":"distill4j-tree","formatVersion":1,"crc32":"xxxxxxxx","tree":{...}}}. The checksum covers the
 * exact text of the {@code "tree"} value, located with a streaming parser (so whitespace and field order in the
 * envelope do not matter). Unknown envelope fields are skipped, for later additions. Stateless and thread-safe.
 */
final class TreeJsonEnvelope {

    private static final JsonFactory FACTORY = new JsonFactory();

    private TreeJsonEnvelope() {
    }

    /** The envelope around the compact tree document {@code tree}, with a trailing newline. */
    static String wrap(String tree) {
        return "{\"format\":\"" + TreeJson.FORMAT + "\",\"formatVersion\":" + TreeJson.FORMAT_VERSION
                + ",\"crc32\":\"" + crc32(tree) + "\",\"tree\":" + tree + "}\n";
    }

    /** The CRC32 of the UTF-8 bytes of {@code text}, as 8 lowercase hex digits. */
    static String crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /**
     * The exact text of the {@code "tree"} value of an envelope, after checking its format, version and checksum.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    static String unwrap(String text) {
        checkArgument(TreeJson.nesting(text) <= TreeJson.MAX_NESTING, "JSON arrays and objects nest deeper than %s",
                TreeJson.MAX_NESTING);
        String format = null;
        Integer version = null;
        String crc = null;
        String tree = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            checkArgument(p.nextToken() == JsonToken.START_OBJECT, "a tree file must be a JSON object starting "
                    + "with {\"format\": \"%s\", ...}", TreeJson.FORMAT);
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "format" -> {
                        format = value == JsonToken.VALUE_STRING ? p.getText() : "";
                        p.skipChildren();
                    }
                    case "formatVersion" -> {
                        checkArgument(value == JsonToken.VALUE_NUMBER_INT
                                && p.getNumberType() == JsonParser.NumberType.INT,
                                "formatVersion must be an integer, got %s", p.getText());
                        version = p.getIntValue();
                    }
                    case "crc32" -> {
                        checkArgument(value == JsonToken.VALUE_STRING, "crc32 must be a string, got %s", p.getText());
                        crc = p.getText();
                    }
                    case "tree" -> {
                        checkArgument(value == JsonToken.START_OBJECT, "tree must be a JSON object");
                        long start = p.getTokenLocation().getCharOffset();
                        p.skipChildren();
                        long end = p.getTokenLocation().getCharOffset() + 1;
                        checkArgument(start >= 0 && end <= text.length() && start < end, "cannot locate the tree");
                        tree = text.substring((int) start, (int) end);
                    }
                    default -> p.skipChildren();
                }
            }
            checkArgument(token == JsonToken.END_OBJECT, "the tree file is not a complete JSON object (truncated?)");
            checkArgument(p.nextToken() == null, "the tree file has content after its JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a complete JSON document (truncated or corrupted?): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse the tree file: " + e.getMessage(), e);
        }
        checkArgument(TreeJson.FORMAT.equals(format), "format must be \"%s\", got %s: not a distill4j tree file",
                TreeJson.FORMAT, format == null ? "no format field" : "\"" + format + "\"");
        checkArgument(version != null, "the tree file has no formatVersion");
        checkArgument(version >= 1, "formatVersion must be >= 1, got %s", version);
        checkArgument(version <= TreeJson.FORMAT_VERSION, "the tree file has formatVersion %s, newer than this "
                + "library reads (%s): load it with a newer distill4j", version, TreeJson.FORMAT_VERSION);
        checkArgument(crc != null, "the tree file has no crc32");
        checkArgument(tree != null, "the tree file has no tree");
        String actual = crc32(tree);
        checkArgument(actual.equals(crc.toLowerCase(Locale.ROOT)), "checksum mismatch: crc32 says %s but the tree "
                + "text has %s (the file is corrupted or was edited)", crc, actual);
        return tree;
    }
}
