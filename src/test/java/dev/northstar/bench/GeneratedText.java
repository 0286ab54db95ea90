package dev.northstar.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/** Generated text, produced as it is read, so that millions of rows never sit in memory at once. */
final class GeneratedText {

    private GeneratedText() {
    }

    /** The lines for {@code from} to {@code to - 1} after the header; a null line is left out. */
    static InputStream lines(long from, long to, LongFunction<String> line, String header) {
        return new InputStream() {
            private byte[] chunk = header.getBytes(StandardCharsets.UTF_8);
            private int position;
            private long next = from;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                while (position == chunk.length) {
                    if (next >= to) {
                        return -1;
                    }
                    StringBuilder text = new StringBuilder(64 * 1024);
                    while (next < to && text.length() < 60 * 1024) {
                        String one = line.apply(next++);
                        if (one != null) {
                            text.append(one);
                        }
                    }
                    chunk = text.toString().getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
