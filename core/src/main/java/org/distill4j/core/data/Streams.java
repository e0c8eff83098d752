package org.distill4j.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Stream helpers shared by the readers. */
final class Streams {

    private static final int BUFFER = 1 << 16;

    private Streams() {
    }

    /** A buffered stream that transparently gunzips {@code in} when it starts with the gzip magic 1f 8b. */
    static InputStream decompressIfGzipped(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        return buffered;
    }

    /**
     * Reads exactly {@code length} bytes.
     *
     * @throws IOException naming {@code source} and {@code what} if the stream ends first
     */
    static byte[] readExactly(InputStream in, int length, String source, String what) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        try {
            while (read < length) {
                int n = in.read(bytes, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (java.io.EOFException e) {
            throw new IOException(String.format("%s is truncated: expected %d bytes of %s, the stream ended early",
                    source, length, what), e);
        }
        if (read < length) {
            throw new IOException(String.format("%s is truncated: expected %d bytes of %s, got %d", source,
                    length, what, read));
        }
        return bytes;
    }
}
