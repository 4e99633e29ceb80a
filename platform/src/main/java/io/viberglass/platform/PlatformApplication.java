package io.viberglass.platform;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.forms.MultiPartBundle;
import io.dropwizard.migrations.MigrationsBundle;
import io.viberglass.common.json.Json;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.db.DatabaseBootstrap;
import io.viberglass.platform.infra.db.Migrations;
import io.viberglass.platform.infra.errors.ErrorMappers;
import io.viberglass.platform.infra.health.ApiInfoResource;
import io.viberglass.platform.infra.health.HealthServlet;
import io.viberglass.platform.infra.health.OpenApi;
import io.viberglass.platform.infra.health.PrometheusMetrics;
import io.viberglass.platform.infra.http.HttpFilters;
import io.viberglass.platform.infra.web.WebApp;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.projects.Projects;
import io.viberglass.platform.tickets.Tickets;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The Viberglass platform service. {@link #run} is the one wiring place: it reads like a table of contents. */
public class PlatformApplication extends Application<PlatformConfiguration> {

    public static void main(String[] args) throws Exception {
        new PlatformApplication().run(args);
    }

    @Override
    public String getName() {
        return "viberglass";
    }

    @Override
    public void initialize(Bootstrap<PlatformConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false, true)));
        Json.configure(bootstrap.getObjectMapper());
        bootstrap.addBundle(new MultiPartBundle());
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(PlatformConfiguration configuration) {
                return configuration.getDataSourceFactory();
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
    }

    @Override
    public void run(PlatformConfiguration config, Environment environment) throws Exception {
        Clock clock = Clock.systemUTC();
        String version = version();
        DataSourceFactory dataSource = config.getDataSourceFactory();

        new DatabaseBootstrap(dataSource, config.getEmbeddedDatabase())
                .prepare()
                .ifPresent(embedded -> environment.lifecycle().manage(embedded));
        if (config.isMigrateOnStart()) {
            Migrations.apply(dataSource, environment.metrics());
        }
        Jdbi jdbi = Database.build(environment, dataSource, environment.getObjectMapper());

        HttpFilters.register(environment, config.getHttp());
        ErrorMappers.register(environment.jersey());
        environment
                .servlets()
                .addServlet(
                        "health",
                        new HealthServlet(environment.healthChecks(), environment.getObjectMapper(), clock, version))
                .addMapping("/health");
        PrometheusMetrics.register(environment);

        environment.jersey().register(new ApiInfoResource(version));
        ProjectService projects = Projects.register(environment.jersey(), jdbi, clock);
        Tickets.register(
                environment.jersey(),
                jdbi,
                clock,
                config.getMedia(),
                projects,
                environment.getObjectMapper(),
                environment.getValidator());
        OpenApi.register(environment.jersey(), version);
        WebApp.register(environment);
    }

    private static String version() {
        String version = PlatformApplication.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
