package io.viberglass.platform.egress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.egress.HostPattern;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.llm.CostControls;
import io.viberglass.platform.llm.CostControlsDao;
import io.viberglass.platform.llm.ModelBroker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads and changes a clanker's egress policy; an {@code open} policy is answered with a warning. */
public class EgressPolicyService {
    /** The runtimes whose invokers put a worker behind the egress proxy (and, on Kubernetes, a network policy). */
    public static final Set<DeploymentStrategy> ENFORCING =
            Set.of(DeploymentStrategy.DOCKER, DeploymentStrategy.KUBERNETES);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    public EgressPolicyService(Jdbi jdbi, Clock clock, AuditLog audit, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.mapper = mapper;
    }

    public EgressPolicyView get(UUID clankerId) {
        Clanker clanker = clanker(clankerId);
        return view(clanker, policyOf(jdbi, clankerId));
    }

    public EgressPolicyView set(Actor actor, UUID clankerId, EgressPolicyRequest request) {
        Clanker clanker = clanker(clankerId);
        List<String> hosts = validate(clanker, request);
        EgressPolicy policy = new EgressPolicy(clankerId, request.mode(), hosts, clock.instant());
        String json;
        try {
            json = mapper.writeValueAsString(hosts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useExtension(EgressPolicyDao.class, dao -> dao.save(policy, json));
        audit.record(AuditEntry.by(actor, "clanker.egress_policy_changed")
                .target("clanker", clankerId)
                .detail("mode", policy.mode().wire())
                .detail("allowedHosts", String.join(",", hosts)));
        return view(clanker, policy);
    }

    /** The clanker's policy, {@code open} when it has none. */
    public static EgressPolicy policyOf(Jdbi jdbi, UUID clankerId) {
        return jdbi.withExtension(EgressPolicyDao.class, dao -> dao.find(clankerId))
                .orElse(EgressPolicy.open(clankerId));
    }

    /** The canonical allow-list, or a 400 naming each bad entry by its index. */
    private static List<String> validate(Clanker clanker, EgressPolicyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.mode() != EgressMode.OPEN && !ENFORCING.contains(clanker.deploymentStrategy())) {
            errors.add(new FieldError(
                    "mode",
                    clanker.deploymentStrategy().wire() + " workers cannot be held to an egress policy (only docker "
                            + "and kubernetes workers can): use 'open', or move the clanker to docker or kubernetes"));
        }
        if (request.mode() == EgressMode.ALLOWLIST && request.allowedHosts().isEmpty()) {
            errors.add(new FieldError(
                    "allowedHosts", "an allow-list needs at least one host; 'none' allows only the platform and SCM"));
        }
        if (request.mode() != EgressMode.ALLOWLIST && !request.allowedHosts().isEmpty()) {
            errors.add(new FieldError("allowedHosts", "must be empty unless the mode is 'allowlist'"));
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (int i = 0; i < request.allowedHosts().size(); i++) {
            try {
                hosts.add(HostPattern.parse(request.allowedHosts().get(i)).toString());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("allowedHosts[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("EGRESS_POLICY_INVALID", "The egress policy is invalid", errors);
        }
        return List.copyOf(hosts);
    }

    private Clanker clanker(UUID id) {
        return jdbi.withExtension(ClankerDao.class, dao -> dao.find(id))
                .orElseThrow(() -> DomainException.notFound("CLANKER_NOT_FOUND", "Clanker not found"));
    }

    private EgressPolicyView view(Clanker clanker, EgressPolicy policy) {
        boolean enforceable = ENFORCING.contains(clanker.deploymentStrategy());
        List<String> warnings = new ArrayList<>();
        if (policy.mode() == EgressMode.OPEN) {
            warnings.add("Egress is open: the agent can reach any host, so instructions planted in a ticket or a "
                    + "repository can make it send code or credentials anywhere."
                    + (enforceable
                            ? " Choose 'none' or an allow-list."
                            : " " + clanker.deploymentStrategy().wire() + " workers cannot be restricted; use docker "
                                    + "or kubernetes for that."));
        } else {
            CostControls controls = jdbi.withExtension(CostControlsDao.class, dao -> dao.find(clanker.id()))
                    .orElse(CostControls.defaults(clanker.id()));
            ModelBroker.unbrokeredReason(clanker, controls)
                    .ifPresent(reason -> warnings.add(reason + " Its model API host must be on the allow-list, or "
                            + "the agent cannot reach its model."));
        }
        return new EgressPolicyView(
                clanker.id(), policy.mode(), policy.allowedHosts(), enforceable, warnings, policy.updatedAt());
    }
}
