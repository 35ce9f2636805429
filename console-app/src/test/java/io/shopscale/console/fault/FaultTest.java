package io.shopscale.console.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A fault's text form, read and written the same way on the command line, in experiment files and on disk. */
class FaultTest {

    @Test
    void eachKindReadsItsTargetAndValueAndWritesTheSameText() {
        assertThat(Fault.parse("latency payments 800ms")).isEqualTo(
                new Fault.PaymentsLatency(Duration.ofMillis(800)));
        assertThat(Fault.parse("latency payments 2s").toText()).isEqualTo("latency payments 2s");
        assertThat(Fault.parse("failure   payments 25%")).isEqualTo(new Fault.PaymentsFailure(0.25));
        assertThat(Fault.parse("failure payments 0.125").toText()).isEqualTo("failure payments 12.5%");
        assertThat(Fault.parse("failure payments 100%").toText()).isEqualTo("failure payments 100%");
        assertThat(Fault.parse("timeout monolith:2")).isEqualTo(new Fault.Timeout(new FaultTarget("monolith", 2)));
        assertThat(Fault.parse("timeout database").key()).isEqualTo("timeout database");
        assertThat(Fault.parse("slow orders:1 0.1")).isEqualTo(new Fault.Slow(new FaultTarget("orders", 1), 0.1));
        assertThat(Fault.parse("slow orders:1 0.10").toText()).isEqualTo("slow orders:1 0.1");
        assertThat(Fault.parse("down payments:3").lasting()).isFalse();
        for (String text : new String[] {"latency payments 800ms", "failure payments 33.3333%", "timeout catalog:9",
                "slow monolith:2 1.5", "down sso:1"}) {
            assertThat(Fault.parse(Fault.parse(text).toText())).as(text).isEqualTo(Fault.parse(text));
        }
    }

    @Test
    void badTextSaysWhatIsWrongAndWhatIsAllowed() {
        assertThatThrownBy(() -> Fault.parse("")).hasMessageStartingWith("no fault given; faults are latency");
        assertThatThrownBy(() -> Fault.parse("jitter payments 5ms"))
                .isInstanceOf(FaultException.class).hasMessageStartingWith("unknown fault \"jitter\"; faults are");
        assertThatThrownBy(() -> Fault.parse("latency payments"))
                .hasMessage("\"latency payments\" is incomplete; write it as latency payments 800ms");
        assertThatThrownBy(() -> Fault.parse("latency orders 800ms"))
                .hasMessage("latency acts on payments, not \"orders\"; write it as latency payments 800ms");
        assertThatThrownBy(() -> Fault.parse("latency payments 0.8s"))
                .hasMessage("bad latency \"0.8s\"; write whole milliseconds or seconds: 800ms, 2s");
        assertThatThrownBy(() -> Fault.parse("latency payments 11s"))
                .hasMessage("a payments latency is from 1ms to 10s");
        assertThatThrownBy(() -> Fault.parse("failure payments 150%"))
                .hasMessage("a payments failure rate is above 0% and at most 100%");
        assertThatThrownBy(() -> Fault.parse("failure payments lots"))
                .hasMessage("bad failure rate \"lots\"; write 25% or 0.25");
        assertThatThrownBy(() -> Fault.parse("timeout monolith-2"))
                .hasMessageStartingWith("unknown target \"monolith-2\"; name a replica as service:number");
        assertThatThrownBy(() -> Fault.parse("timeout billing:1")).hasMessageStartingWith("unknown target");
        assertThatThrownBy(() -> Fault.parse("timeout monolith:10"))
                .hasMessage("replica \"monolith:10\" does not exist: replicas are numbered 1 to 9");
        assertThatThrownBy(() -> Fault.parse("timeout monolith:2 now"))
                .hasMessage("\"timeout monolith:2 now\" has words too many; write it as timeout monolith:2");
        assertThatThrownBy(() -> Fault.parse("slow database 0.1"))
                .hasMessage("slow acts on one replica, such as monolith:2");
        assertThatThrownBy(() -> Fault.parse("slow monolith:1 0"))
                .hasMessage("a slow replica gets from 0.01 to 8 CPUs, such as 0.1");
        assertThatThrownBy(() -> Fault.parse("down database")).hasMessageStartingWith("down acts on one replica");
    }

    @Test
    void aChangeIsAFaultOnOneFaultOffByKindAndTargetOrAllOff() {
        assertThat(FaultChange.parse("timeout database"))
                .isEqualTo(new FaultChange.On(new Fault.Timeout(FaultTarget.DATABASE)));
        assertThat(FaultChange.parse("clear latency payments")).isEqualTo(new FaultChange.Off("latency payments"));
        assertThat(FaultChange.parse("clear latency payments 800ms").toText()).isEqualTo("clear latency payments");
        assertThat(FaultChange.parse("clear all")).isEqualTo(new FaultChange.AllOff());
        assertThatThrownBy(() -> FaultChange.parse("clear")).hasMessageStartingWith("clear names a fault's kind");
        assertThatThrownBy(() -> FaultChange.parse("clear pause monolith:1"))
                .hasMessageStartingWith("unknown fault \"pause\"");
        assertThatThrownBy(() -> FaultChange.parse("clear failure orders"))
                .hasMessage("failure acts on payments, not \"orders\"");
    }
}
