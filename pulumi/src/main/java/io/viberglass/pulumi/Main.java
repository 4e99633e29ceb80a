package io.viberglass.pulumi;

import com.pulumi.Context;
import com.pulumi.Pulumi;

/**
 * Entry point of {@code target/viberglass-pulumi.jar}. The three Pulumi projects under {@code pulumi/} run this one
 * jar; the project name picks the program.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Pulumi.run(Main::program);
    }

    static void program(Context ctx) {
        ConfigSource config = ConfigSource.of(ctx);
        switch (ctx.projectName()) {
            case Stacks.BASE_PROJECT -> BaseStack.define(ctx, BaseConfig.from(config));
            case Stacks.WORKERS_PROJECT ->
                WorkersStack.define(ctx, WorkersConfig.from(config, ctx.organizationName(), ctx.stackName()));
            case Stacks.PLATFORM_PROJECT ->
                PlatformStack.define(ctx, PlatformConfig.from(config, ctx.organizationName(), ctx.stackName()));
            default ->
                throw new IllegalArgumentException("Unknown Pulumi project '" + ctx.projectName()
                        + "': expected " + Stacks.BASE_PROJECT + ", " + Stacks.WORKERS_PROJECT + " or "
                        + Stacks.PLATFORM_PROJECT);
        }
    }
}
