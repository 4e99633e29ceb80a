package io.viberglass.platform.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The replica's one LISTEN connection: several channels, a callback each, and a reconnect that catches up. */
class DatabaseNotificationsTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.empty(DatabaseNotificationsTest.class);

    private final Jdbi jdbi = Jdbi.create(DB.dataSource());
    private final DatabaseNotifications notifications = new DatabaseNotifications(DB.url(), "postgres", "");
    private final List<String> first = new CopyOnWriteArrayList<>();
    private final List<String> second = new CopyOnWriteArrayList<>();
    private final AtomicInteger firstCatchUps = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        notifications.stop();
    }

    private void listening() {
        notifications.subscribe("test_first", first::add, firstCatchUps::incrementAndGet);
        notifications.subscribe("test_second", second::add, () -> {});
        notifications.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(notifications::isListening);
    }

    private void notify(String channel, String payload) {
        jdbi.useHandle(h -> h.createQuery("select pg_notify(:channel, :payload)")
                .bind("channel", channel)
                .bind("payload", payload)
                .mapTo(String.class)
                .one());
    }

    @Test
    void eachChannelsNotificationsReachOnlyItsOwnCallbacks_afterTheirTransactionCommits() {
        listening();

        jdbi.useTransaction(h -> {
            h.createQuery("select pg_notify('test_first', 'a')")
                    .mapTo(String.class)
                    .one();
            assertThat(first).as("not before the commit").isEmpty();
        });
        notify("test_second", "b");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.size() == 1 && second.size() == 1);
        assertThat(first).containsExactly("a");
        assertThat(second).containsExactly("b");
        assertThat(firstCatchUps).hasValue(1);
    }

    @Test
    void aLostConnectionIsReopened_andSubscribersCatchUpForWhatTheyMayHaveMissed() {
        listening();

        jdbi.useHandle(h -> h.createQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where application_name = 'viberglass-listener' and datname = current_database()")
                .mapTo(Integer.class)
                .one());

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> firstCatchUps.get() == 2 && notifications.isListening());
        notify("test_first", "after");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.contains("after"));
    }

    @Test
    void aFailingCallbackDoesNotSilenceTheOthers() {
        notifications.subscribe(
                "test_first",
                payload -> {
                    throw new IllegalStateException("boom");
                },
                () -> {});
        listening();

        notify("test_first", "x");
        notify("test_second", "y");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.contains("x") && second.contains("y"));
    }

    @Test
    void channelsAreIdentifiersAndAreSubscribedBeforeStart() {
        assertThatThrownBy(() -> notifications.subscribe("bad; drop table x", p -> {}, () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        listening();
        assertThatThrownBy(() -> notifications.subscribe("late", p -> {}, () -> {}))
                .isInstanceOf(IllegalStateException.class);
    }
}
