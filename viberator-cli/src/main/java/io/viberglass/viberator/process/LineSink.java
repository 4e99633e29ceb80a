package io.viberglass.viberator.process;

/** Receives a child process's output one line at a time, from the pump thread of that stream. */
@FunctionalInterface
public interface LineSink {
    void line(Stream stream, String line);

    enum Stream {
        STDOUT,
        STDERR
    }
}
