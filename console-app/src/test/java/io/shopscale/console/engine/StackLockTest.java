package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.topology.StackName;

class StackLockTest {

    private static final StackName SHOP = StackName.of("shop");

    @TempDir
    Path home;

    @Test
    void aSecondCommandThatWillNotWaitIsToldWhoHoldsTheStack() {
        try (StackLock held = StackLock.acquire(home, SHOP, "shopctl scale monolith=3", true, holder -> { })) {
            assertThatThrownBy(() -> StackLock.acquire(home, SHOP, "shopctl scale monolith=2", false, holder -> { }))
                    .isInstanceOf(StackLock.StackBusyException.class)
                    .hasMessageContaining("Stack shop is being changed by `shopctl scale monolith=3` (pid "
                            + ProcessHandle.current().pid());
            assertThat(StackLock.holder(home, SHOP)).get().extracting(StackLock.Holder::command)
                    .isEqualTo("shopctl scale monolith=3");
        }
        assertThat(StackLock.holder(home, SHOP)).isEmpty();
    }

    @Test
    void aWaitingCommandSaysWhatItWaitsForAndRunsOnceTheHolderIsDone() throws Exception {
        List<StackLock.Holder> waitedFor = new ArrayList<>();
        StackLock first = StackLock.acquire(home, SHOP, "console window up", true, holder -> { });
        CompletableFuture<StackLock> second = CompletableFuture.supplyAsync(() ->
                StackLock.acquire(home, SHOP, "shopctl heal", true, waitedFor::add));
        Thread.sleep(500);
        assertThat(second).isNotDone();
        first.close();

        try (StackLock taken = second.get(5, TimeUnit.SECONDS)) {
            assertThat(waitedFor).extracting(StackLock.Holder::command).containsExactly("console window up");
            assertThat(StackLock.holder(home, SHOP)).get().extracting(StackLock.Holder::command)
                    .isEqualTo("shopctl heal");
        }
    }

    @Test
    void otherStacksAreNotHeld() {
        try (StackLock shop = StackLock.acquire(home, SHOP, "up", false, holder -> { });
             StackLock other = StackLock.acquire(home, StackName.of("demo"), "up", false, holder -> { })) {
            assertThat(StackLock.holder(home, StackName.of("demo"))).isPresent();
        }
    }

    /** Another process holds the stack and is killed (SIGKILL, no clean-up): the stack is free at once. */
    @Test
    void aHolderThatIsKilledLeavesNothingBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldsAStack.class.getName(), home.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> StackLock.acquire(home, SHOP, "shopctl scale", false, h -> { }))
                    .isInstanceOf(StackLock.StackBusyException.class)
                    .hasMessageContaining("`another process` (pid " + holder.pid());
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (StackLock taken = StackLock.acquire(home, SHOP, "shopctl scale", false, h -> { })) {
            assertThat(taken).isNotNull();
        }
    }

    /** The other process of {@link #aHolderThatIsKilledLeavesNothingBehind}. */
    public static final class HoldsAStack {
        public static void main(String[] args) throws InterruptedException {
            StackLock.acquire(Path.of(args[0]), SHOP, "another process", false, holder -> { });
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(1).toMillis());
        }
    }
}
