package io.viberglass.platform.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Runs the job sweeper through db-scheduler, which keeps recurring tasks in PostgreSQL: with several replicas, each
 * sweep runs on exactly one of them.
 */
public class SweeperSchedule implements Managed {
    private final Scheduler scheduler;

    public SweeperSchedule(DataSource dataSource, JobSweeper sweeper, Duration interval) {
        RecurringTask<Void> sweep =
                Tasks.recurring("job-sweeper", FixedDelay.of(interval)).execute((instance, context) -> sweeper.sweep());
        this.scheduler = Scheduler.create(dataSource)
                .startTasks(sweep)
                .threads(1)
                .pollingInterval(interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void start() {
        scheduler.start();
    }

    @Override
    public void stop() {
        scheduler.stop();
    }
}
