package com.oncopay.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitBreakerTest {
    private static final long DELAY = 5_000_000_000L;

    /**
     * A script of steps, one character each:
     *
     * <ul>
     *   <li>{@code S} / {@code F}: a call is let through and succeeds / fails;
     *   <li>{@code x}: a call is refused;
     *   <li>{@code t}: a call is let through and is still out; {@code s} / {@code f} / {@code a}: that call succeeds /
     *       fails / is abandoned;
     *   <li>{@code w}: the delay passes; {@code -}: all but a nanosecond of it passes.
     * </ul>
     */
    @ParameterizedTest(name = "window {0}, ratio {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # window | ratio | script                        | state     | changes
            4        | 0.5   | FFF                           | CLOSED    | ''
            4        | 0.5   | FFSS                          | OPEN      | OPEN
            4        | 0.5   | FSSS                          | CLOSED    | ''
            4        | 0.5   | FSSSF                         | CLOSED    | ''
            4        | 0.5   | SFSSF                         | OPEN      | OPEN
            4        | 0.5   | FSSSSF                        | CLOSED    | ''
            4        | 0.5   | SSSSSSSSSSFSF                 | OPEN      | OPEN
            4        | 0.75  | FFSS                          | CLOSED    | ''
            4        | 0.75  | FFSF                          | OPEN      | OPEN
            4        | 1.0   | FFFSFFF                       | CLOSED    | ''
            4        | 1.0   | FFFSFFFF                      | OPEN      | OPEN
            1        | 1.0   | F                             | OPEN      | OPEN
            20       | 0.5   | FFFFFFFFFSSSSSSSSSSS          | CLOSED    | ''
            20       | 0.5   | FFFFFFFFFFSSSSSSSSSS          | OPEN      | OPEN
            4        | 0.5   | FFSSxxx                       | OPEN      | OPEN
            4        | 0.5   | FFSS-x                        | OPEN      | OPEN
            4        | 0.5   | FFSSwt                        | HALF_OPEN | OPEN HALF_OPEN
            4        | 0.5   | FFSSwtxxx                     | HALF_OPEN | OPEN HALF_OPEN
            4        | 0.5   | FFSSwts                       | CLOSED    | OPEN HALF_OPEN CLOSED
            4        | 0.5   | FFSSwtsFFF                    | CLOSED    | OPEN HALF_OPEN CLOSED
            4        | 0.5   | FFSSwtsFFFF                   | OPEN      | OPEN HALF_OPEN CLOSED OPEN
            4        | 0.5   | FFSSwtf                       | OPEN      | OPEN HALF_OPEN OPEN
            4        | 0.5   | FFSSwtf-x                     | OPEN      | OPEN HALF_OPEN OPEN
            4        | 0.5   | FFSSwtfwS                     | CLOSED    | OPEN HALF_OPEN OPEN HALF_OPEN CLOSED
            4        | 0.5   | FFSSwtaS                      | CLOSED    | OPEN HALF_OPEN CLOSED
            4        | 0.5   | FFSSwtaF                      | OPEN      | OPEN HALF_OPEN OPEN
            """)
    void follows_its_script(int window, double ratio, String script, String state, String changes) {
        AtomicLong now = new AtomicLong(1_000);
        List<String> seen = new ArrayList<>();
        CircuitBreaker b = new CircuitBreaker(window, ratio, DELAY, now::get, s -> seen.add(s.name()));
        for (int i = 0; i < script.length(); i++) {
            char step = script.charAt(i);
            String at = script.substring(0, i + 1);
            switch (step) {
                case 'S', 'F', 't' -> {
                    assertTrue(b.tryCall(), "let through at " + at);
                    if (step == 'S') b.succeeded();
                    if (step == 'F') b.failed();
                }
                case 'x' -> assertEquals(false, b.tryCall(), "refused at " + at);
                case 's' -> b.succeeded();
                case 'f' -> b.failed();
                case 'a' -> b.abandoned();
                case 'w' -> now.addAndGet(DELAY);
                case '-' -> now.addAndGet(DELAY - 1);
                default -> throw new IllegalArgumentException("step " + step);
            }
        }
        assertEquals(CircuitBreaker.State.valueOf(state), b.state());
        assertEquals(changes, String.join(" ", seen));
    }

    @Test
    void a_call_let_through_before_it_opened_changes_nothing_when_it_fails_late() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker b = new CircuitBreaker(2, 0.5, DELAY, now::get, s -> {});
        assertTrue(b.tryCall()); // out while the others open it
        assertTrue(b.tryCall());
        b.failed();
        assertTrue(b.tryCall());
        b.failed();
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        b.failed(); // the late one
        now.addAndGet(DELAY - 1);
        assertEquals(false, b.tryCall(), "the delay is counted from the opening, not from the late failure");
    }

    @Test
    void half_open_lets_exactly_one_trial_through_however_many_ask_at_once() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        CircuitBreaker b = new CircuitBreaker(1, 1.0, DELAY, now::get, s -> {});
        assertTrue(b.tryCall());
        b.failed();
        now.addAndGet(DELAY);
        int threads = 8;
        AtomicInteger through = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1), done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                        try {
                            start.await();
                            for (int k = 0; k < 1000; k++) if (b.tryCall()) through.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    })
                    .start();
        }
        start.countDown();
        done.await();
        assertEquals(1, through.get());
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
    }

    @Test
    void refuses_settings_that_make_no_breaker() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, 0.5, 1, System::nanoTime, s -> {}));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(4, 0, 1, System::nanoTime, s -> {}));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(4, 1.5, 1, System::nanoTime, s -> {}));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(4, 0.5, -1, System::nanoTime, s -> {}));
    }
}
