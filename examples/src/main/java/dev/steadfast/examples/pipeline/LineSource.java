package dev.steadfast.examples.pipeline;

import dev.steadfast.pipeline.Item;
import dev.steadfast.pipeline.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lines of a file as a pipeline source: offsets are byte positions, so a resumed stage seeks straight to its
 * watermark instead of reading the file again from the start.
 */
final class LineSource implements Source {
    private final Path file;
    private final ToLongFunction<String> eventTime;

    LineSource(Path file, ToLongFunction<String> eventTime) {
        this.file = file;
        this.eventTime = eventTime;
    }

    @Override
    public Stream<Item> from(long offset) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from byte " + offset, e);
        }
        Iterator<Item> lines = new Iterator<>() {
            private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();
            private long position = offset;
            private Item next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Item item = next;
                next = null;
                return item;
            }

            private Item read() {
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(64);
                long start = position;
                while (true) {
                    if (!buffer.hasRemaining() && !fill()) {
                        if (line.size() > 0) {
                            throw new IllegalStateException(file + " ends without a newline at byte " + position);
                        }
                        return null;
                    }
                    byte b = buffer.get();
                    position++;
                    if (b == '\n') {
                        byte[] bytes = line.toByteArray();
                        long time = eventTime.applyAsLong(new String(bytes, StandardCharsets.UTF_8));
                        return new Item(start, position, time, bytes);
                    }
                    line.write(b);
                }
            }

            private boolean fill() {
                try {
                    buffer.clear();
                    int n = channel.read(buffer);
                    buffer.flip();
                    return n > 0;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + " at byte " + position, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
