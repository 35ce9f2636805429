package io.shopscale.console.window.logs;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.shopscale.console.docker.NoDockerEngines;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;
import io.shopscale.console.window.stack.StackViewModel;

class LogsViewModelTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final StackViewModel stack = new StackViewModel(engine, Background.sameThread(),
            new MetricsHub(new FakeTime(), 60), StackName.of("window"), 18490);
    private final LogsViewModel logs = new LogsViewModel(engine, Background.sameThread(), stack);

    @Test
    void openingTheTabReadsEveryContainerAndOffersTheStacksServices() {
        stack.start();
        assertThat(engine.logReads()).as("nothing is read while the tab is hidden").isZero();

        logs.shownProperty().set(true);

        assertThat(logs.services()).containsExactly("all", "monolith", "haproxy", "nginx", "postgres");
        assertThat(logs.lines()).contains("window-monolith-1 | Started ShopApplication",
                "window-nginx | Started ShopApplication").hasSize(4);
        assertThat(logs.summaryProperty().get()).isEqualTo("4 lines");
    }

    @Test
    void theFilterHidesLinesThatDoNotMatchInAnyCaseWithoutReadingAgain() {
        stack.start();
        stack.scale("monolith", 2);
        engine.addLogLine("window-monolith-1", "GET /api/products 200");
        engine.addLogLine("window-monolith-2", "ERROR connection refused to haproxy");
        logs.shownProperty().set(true);
        int reads = engine.logReads();

        logs.filterProperty().set("error");

        assertThat(logs.lines()).containsExactly("window-monolith-2 | ERROR connection refused to haproxy");
        assertThat(logs.summaryProperty().get()).isEqualTo("1 of 7 lines match");
        logs.filterProperty().set("");
        assertThat(logs.lines()).hasSize(7);
        assertThat(engine.logReads()).isEqualTo(reads);
    }

    @Test
    void choosingAServiceReadsOnlyItsContainers() {
        stack.start();
        logs.shownProperty().set(true);

        logs.serviceProperty().set("nginx");

        assertThat(logs.lines()).containsExactly("window-nginx | Started ShopApplication");
    }

    @Test
    void followingReadsEverySecondPollOnlyWhileTheTabIsShown() {
        stack.start();
        logs.shownProperty().set(true);
        logs.followProperty().set(true);
        int reads = engine.logReads();

        logs.poll();
        assertThat(engine.logReads()).isEqualTo(reads);
        engine.addLogLine("window-monolith-1", "order 42 placed");
        logs.poll();
        assertThat(engine.logReads()).isEqualTo(reads + 1);
        assertThat(logs.lines()).last().isEqualTo("window-monolith-1 | order 42 placed");

        logs.shownProperty().set(false);
        logs.poll();
        logs.poll();
        logs.poll();
        assertThat(engine.logReads()).isEqualTo(reads + 1);
    }

    @Test
    void withoutFollowingThePollReadsNothing() {
        logs.shownProperty().set(true);
        int reads = engine.logReads();

        for (int poll = 0; poll < 10; poll++) {
            logs.poll();
        }

        assertThat(engine.logReads()).isEqualTo(reads);
    }

    @Test
    void atMostMaxLinesAreKeptTheLastOfTheText() {
        stack.start();
        for (int line = 1; line <= LogsViewModel.MAX_LINES + 10; line++) {
            engine.addLogLine("window-monolith-1", "line " + line);
        }

        logs.refresh();

        assertThat(logs.lines()).hasSize(LogsViewModel.MAX_LINES);
        assertThat(logs.lines()).last().isEqualTo("window-monolith-1 | line " + (LogsViewModel.MAX_LINES + 10));
        assertThat(logs.summaryProperty().get()).isEqualTo("5000 lines · the first 14 dropped");
    }

    @Test
    void logsThatCannotBeReadSayWhy() {
        engine.failWith(NoDockerEngines.exception());

        logs.refresh();

        assertThat(logs.problemProperty().get()).startsWith("No Docker engine answered.");
        engine.failWith(null);
        logs.refresh();
        assertThat(logs.problemProperty().get()).isEmpty();
    }
}
