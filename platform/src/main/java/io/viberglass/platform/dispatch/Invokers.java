package io.viberglass.platform.dispatch;

import io.viberglass.platform.clankers.DeploymentStrategy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The invoker for each deployment strategy the platform is configured for. */
public final class Invokers {
    private final Map<DeploymentStrategy, WorkerInvoker> byStrategy = new EnumMap<>(DeploymentStrategy.class);

    public Invokers(List<WorkerInvoker> invokers) {
        invokers.forEach(invoker -> byStrategy.put(invoker.strategy(), invoker));
    }

    public Optional<WorkerInvoker> forStrategy(DeploymentStrategy strategy) {
        return Optional.ofNullable(byStrategy.get(strategy));
    }
}
