package io.viberglass.platform.llm;

import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Token usage and cost as the proxy recorded it, per job, ticket, project and clanker, and month by month. */
public class UsageService {
    static final int MAX_MONTHS = 36;

    private final Jdbi jdbi;
    private final Clock clock;

    public UsageService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One calendar month (UTC). */
    public record Month(YearMonth month) {
        Instant from() {
            return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        Instant to() {
            return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    public UsageView job(UUID jobId) {
        return UsageView.of(null, jdbi.withExtension(UsageDao.class, dao -> dao.forJob(jobId)));
    }

    public UsageView ticket(UUID ticketId) {
        return UsageView.of(null, jdbi.withExtension(UsageDao.class, dao -> dao.forTicket(ticketId)));
    }

    public UsageView project(UUID projectId, String month) {
        Month m = month(month, "month");
        return UsageView.of(
                m.month().toString(),
                jdbi.withExtension(UsageDao.class, dao -> dao.forProject(projectId, m.from(), m.to())));
    }

    public UsageView clanker(UUID clankerId, String month) {
        Month m = month(month, "month");
        return UsageView.of(
                m.month().toString(),
                jdbi.withExtension(UsageDao.class, dao -> dao.forClanker(clankerId, m.from(), m.to())));
    }

    /** Month by month, oldest first; months without requests are listed with zeros. */
    public List<UsageView> projectMonthly(UUID projectId, String from, String to) {
        return monthly(
                from, to, m -> jdbi.withExtension(UsageDao.class, dao -> dao.forProject(projectId, m.from(), m.to())));
    }

    public List<UsageView> clankerMonthly(UUID clankerId, String from, String to) {
        return monthly(
                from, to, m -> jdbi.withExtension(UsageDao.class, dao -> dao.forClanker(clankerId, m.from(), m.to())));
    }

    private List<UsageView> monthly(String from, String to, java.util.function.Function<Month, UsageDao.Totals> sum) {
        Month last = month(to, "to");
        Month first = from == null || from.isBlank() ? new Month(last.month().minusMonths(11)) : month(from, "from");
        if (first.month().isAfter(last.month())) {
            throw DomainException.invalid("MONTH_RANGE_INVALID", "from", "must not be after to");
        }
        if (first.month().plusMonths(MAX_MONTHS - 1).isBefore(last.month())) {
            throw DomainException.invalid("MONTH_RANGE_TOO_LONG", "from", "at most " + MAX_MONTHS + " months");
        }
        List<UsageView> months = new java.util.ArrayList<>();
        for (YearMonth m = first.month(); !m.isAfter(last.month()); m = m.plusMonths(1)) {
            Month month = new Month(m);
            months.add(UsageView.of(m.toString(), sum.apply(month)));
        }
        return months;
    }

    /** {@code YYYY-MM}, or the current month (UTC) when absent. */
    Month month(String value, String field) {
        if (value == null || value.isBlank()) {
            return new Month(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        }
        try {
            return new Month(YearMonth.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("MONTH_INVALID", field, "must be a month as YYYY-MM");
        }
    }
}
