package io.viberglass.platform.llm;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads and changes a clanker's cost controls; turning the broker off is audited and answered with a warning. */
public class CostControlsService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final QuotaPauses pauses;

    public CostControlsService(Jdbi jdbi, Clock clock, AuditLog audit, QuotaPauses pauses) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.pauses = pauses;
    }

    public CostControlsView get(UUID clankerId) {
        Clanker clanker = clanker(clankerId);
        return view(
                clanker,
                jdbi.withExtension(CostControlsDao.class, dao -> dao.find(clankerId))
                        .orElse(CostControls.defaults(clankerId)));
    }

    public CostControlsView set(Actor actor, UUID clankerId, CostControlsRequest request) {
        Clanker clanker = clanker(clankerId);
        CostControls controls = new CostControls(
                clankerId,
                request.modelBroker(),
                request.runBudgetUsd(),
                request.monthlyBudgetUsd(),
                request.stuckAfterMinutes(),
                request.repeatedToolCallLimit(),
                clock.instant());
        jdbi.useExtension(CostControlsDao.class, dao -> dao.save(controls));
        audit.record(AuditEntry.by(actor, "clanker.cost_controls_changed")
                .target("clanker", clankerId)
                .detail("modelBroker", Boolean.toString(controls.modelBroker()))
                .detail("runBudgetUsd", String.valueOf(controls.runBudgetUsd()))
                .detail("monthlyBudgetUsd", String.valueOf(controls.monthlyBudgetUsd())));
        return view(clanker, controls);
    }

    private Clanker clanker(UUID id) {
        return jdbi.withExtension(ClankerDao.class, dao -> dao.find(id))
                .orElseThrow(() -> DomainException.notFound("CLANKER_NOT_FOUND", "Clanker not found"));
    }

    private CostControlsView view(Clanker clanker, CostControls controls) {
        Optional<String> unbrokered = ModelBroker.unbrokeredReason(clanker, controls);
        return new CostControlsView(
                clanker.id(),
                controls.modelBroker(),
                unbrokered.isEmpty(),
                controls.runBudgetUsd(),
                controls.monthlyBudgetUsd(),
                controls.stuckAfterMinutes(),
                controls.repeatedToolCallLimit(),
                unbrokered.map(List::of).orElse(List.of()),
                pauses.pausedUntil(clanker.id()).orElse(null));
    }
}
