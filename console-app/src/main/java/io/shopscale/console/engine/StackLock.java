package io.shopscale.console.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.shopscale.console.topology.StackName;

/**
 * One change at a time per stack, across every process on this machine (the window, any number of {@code shopctl}):
 * an operating-system lock on {@code <home>/locks/<stack>.lock}. The system releases it when its holder ends, however
 * it ends, so a crashed or killed command never blocks the next one. The file says who holds it, for the message of
 * whoever waits.
 */
public final class StackLock implements AutoCloseable {

    /** Who holds a stack: {@code shopctl scale monolith=3 (pid 4242, since 12:00:01Z)}. */
    public record Holder(String command, long pid, Instant since) {

        public String describe() {
            return "`" + command + "` (pid " + pid + ", since " + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ")";
        }

        String encode() {
            return pid + "\n" + since + "\n" + command.replace('\n', ' ') + "\n";
        }

        static Optional<Holder> decode(String text) {
            String[] lines = text.split("\n", 3);
            try {
                return Optional.of(new Holder(lines[2].strip(), Long.parseLong(lines[0]), Instant.parse(lines[1])));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** Thrown when the stack is held and the caller asked not to wait, or stopped waiting. */
    public static final class StackBusyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final transient Holder holder;

        StackBusyException(StackName stack, Holder holder) {
            super("Stack " + stack.value() + " is being changed by " + holder.describe()
                    + ". Wait for it to finish, or run this again without --no-wait to wait for it.");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);
    /** One JVM may hold a file lock once: commands of the same process (window threads) queue on this first. */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the stack for one command, waiting while another holds it.
     *
     * @param command what the holder is doing, shown to whoever waits ({@code shopctl scale monolith=3})
     * @param wait    false: fail at once with {@link StackBusyException} instead of waiting
     * @param waiting told once, and again whenever the holder changes, while this waits
     * @throws StackBusyException when the stack is held and {@code wait} is false, or the thread is interrupted
     */
    public static StackLock acquire(Path home, StackName stack, String command, boolean wait,
            Consumer<Holder> waiting) {
        Path file = home.resolve("locks").resolve(stack.value() + ".lock");
        Holder me = new Holder(command, ProcessHandle.current().pid(), Instant.now());
        Holder reported = null;
        while (true) {
            Optional<StackLock> taken = tryTake(file, me, true);
            if (taken.isPresent()) {
                return taken.get();
            }
            Holder holder = holderOf(file).orElse(new Holder("another command", 0, Instant.now()));
            if (!wait) {
                throw new StackBusyException(stack, holder);
            }
            if (reported == null || !reported.equals(holder)) {
                waiting.accept(holder);
                reported = holder;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackBusyException(stack, holder);
            }
        }
    }

    /** Who holds the stack now, if anyone. */
    public static Optional<Holder> holder(Path home, StackName stack) {
        Path file = home.resolve("locks").resolve(stack.value() + ".lock");
        Optional<StackLock> probe = tryTake(file, new Holder("status", ProcessHandle.current().pid(), Instant.now()),
                false);
        if (probe.isPresent()) {
            probe.get().closeWithoutClearing();
            return Optional.empty();
        }
        return holderOf(file);
    }

    /** @param claim write {@code me} into the file, for whoever waits */
    private static Optional<StackLock> tryTake(Path file, Holder me, boolean claim) {
        if (HELD_HERE.putIfAbsent(file, me) != null) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                return Optional.empty();
            }
            if (claim) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(me.encode().getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
            }
            return Optional.of(new StackLock(file, channel, lock));
        } catch (IOException e) {
            HELD_HERE.remove(file);
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Holder> holderOf(Path file) {
        Holder here = HELD_HERE.get(file);
        if (here != null) {
            return Optional.of(here);
        }
        try {
            return Holder.decode(Files.readString(file));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Releases the stack; the file stays, empty, for the next holder. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // the lock is released below all the same; a stale holder text is only a message
        }
        closeWithoutClearing();
    }

    private void closeWithoutClearing() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
