package io.viberglass.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.forms.MultiPartBundle;
import io.dropwizard.migrations.MigrationsBundle;
import io.viberglass.common.json.Json;
import io.viberglass.platform.access.MembershipService;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectMembersResource;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.audit.AuditResource;
import io.viberglass.platform.auth.Authentication;
import io.viberglass.platform.clankers.Clankers;
import io.viberglass.platform.claws.Claws;
import io.viberglass.platform.dispatch.Dispatcher;
import io.viberglass.platform.dispatch.Dispatching;
import io.viberglass.platform.dispatch.WorkerRuntimes;
import io.viberglass.platform.dispatch.bundle.SecretBundleResource;
import io.viberglass.platform.dispatch.bundle.SecretBundles;
import io.viberglass.platform.egress.EgressPolicyResource;
import io.viberglass.platform.egress.EgressPolicyService;
import io.viberglass.platform.feedback.Feedback;
import io.viberglass.platform.infra.api.WireEnumParamConverters;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.db.DatabaseBootstrap;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.infra.db.Migrations;
import io.viberglass.platform.infra.errors.ErrorMappers;
import io.viberglass.platform.infra.health.ApiInfoResource;
import io.viberglass.platform.infra.health.HealthServlet;
import io.viberglass.platform.infra.health.OpenApi;
import io.viberglass.platform.infra.health.PrometheusMetrics;
import io.viberglass.platform.infra.http.HttpFilters;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.infra.ratelimit.RateLimiter;
import io.viberglass.platform.infra.web.WebApp;
import io.viberglass.platform.integrations.CredentialService;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.Integrations;
import io.viberglass.platform.jobs.CallbackService;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.jobs.JobLogFrames;
import io.viberglass.platform.jobs.JobLogStreamResource;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.JobService;
import io.viberglass.platform.jobs.Jobs;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.jobs.TicketRunEffects;
import io.viberglass.platform.llm.BudgetGuard;
import io.viberglass.platform.llm.Llm;
import io.viberglass.platform.llm.ModelBroker;
import io.viberglass.platform.mcp.CatalogTools;
import io.viberglass.platform.mcp.McpEndpoint;
import io.viberglass.platform.mcp.ReviewTools;
import io.viberglass.platform.mcp.TicketTools;
import io.viberglass.platform.phases.ApprovalService;
import io.viberglass.platform.phases.Approvers;
import io.viberglass.platform.phases.CommentService;
import io.viberglass.platform.phases.DocumentService;
import io.viberglass.platform.phases.LifecycleSync;
import io.viberglass.platform.phases.PhaseDocumentEffects;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.phases.Phases;
import io.viberglass.platform.phases.WorkflowService;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.projects.Projects;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.prompts.Prompts;
import io.viberglass.platform.prompts.UntrustedFence;
import io.viberglass.platform.secrets.JobSecrets;
import io.viberglass.platform.secrets.PlatformSecrets;
import io.viberglass.platform.secrets.ReencryptCommand;
import io.viberglass.platform.secrets.Secrets;
import io.viberglass.platform.sessions.SessionService;
import io.viberglass.platform.sessions.Sessions;
import io.viberglass.platform.slack.SlackAccounts;
import io.viberglass.platform.slack.SlackApp;
import io.viberglass.platform.streams.Streams;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.Tickets;
import io.viberglass.platform.trust.HeldRunStarter;
import io.viberglass.platform.trust.Trust;
import io.viberglass.platform.trust.TrustService;
import io.viberglass.platform.webhooks.Webhooks;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.glassfish.jersey.server.ServerProperties;
import org.jdbi.v3.core.Jdbi;

/** The Viberglass platform service. {@link #run} is the one wiring place: it reads like a table of contents. */
public class PlatformApplication extends Application<PlatformConfiguration> {
    private final Clock clock;

    public PlatformApplication() {
        this(Clock.systemUTC());
    }

    /** With the clock every time-based rule reads (tests pass a clock they move by hand). */
    public PlatformApplication(Clock clock) {
        this.clock = clock;
    }

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
        bootstrap.addCommand(new ReencryptCommand());
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
        String version = version();
        DataSourceFactory dataSource = config.getDataSourceFactory();

        new DatabaseBootstrap(dataSource, config.getEmbeddedDatabase())
                .prepare()
                .ifPresent(embedded -> environment.lifecycle().manage(embedded));
        if (config.isMigrateOnStart()) {
            Migrations.apply(dataSource, environment.metrics());
        }
        Jdbi jdbi = Database.build(environment, dataSource, environment.getObjectMapper());

        HttpFilters.guardConnectors(config.getServerFactory());
        HttpFilters.register(environment, config.getHttp());
        // providers listed in jars' META-INF/services (swagger brings a second Jackson provider with its own mapper)
        // would answer some requests with unconfigured JSON; only the providers registered here serve the API
        environment.jersey().property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        // ...which also hides the servlet container's async support: server-sent event streams and long polls
        // suspend their responses instead of holding a request thread, so it is registered by hand
        environment.jersey().register(new org.glassfish.jersey.internal.inject.AbstractBinder() {
            @Override
            protected void configure() {
                bind(new org.glassfish.jersey.servlet.async.AsyncContextDelegateProviderImpl())
                        .to(org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider.class);
            }
        });
        ErrorMappers.register(environment.jersey());
        environment.jersey().register(new WireEnumParamConverters());
        environment
                .servlets()
                .addServlet(
                        "health",
                        new HealthServlet(environment.healthChecks(), environment.getObjectMapper(), clock, version))
                .addMapping("/health");
        PrometheusMetrics.register(environment);

        environment.jersey().register(new ApiInfoResource(version));
        ObjectMapper mapper = environment.getObjectMapper();
        RateLimiter limiter = new RateLimiter(jdbi, clock);
        AuditLog audit = new AuditLog(jdbi, clock);
        Authentication.Parts auth = Authentication.register(
                environment, jdbi, clock, config.getAuth(), config.getPublicUrl(), limiter, audit);
        environment.jersey().register(new AuditResource(audit));
        ProjectAccess access = new ProjectAccess(jdbi);
        MembershipService memberships = new MembershipService(jdbi, clock, audit);
        environment.jersey().register(new ProjectMembersResource(memberships, access));
        ProjectService projects = Projects.register(environment.jersey(), jdbi, clock, access, memberships);
        TicketService tickets = Tickets.register(
                environment.jersey(),
                jdbi,
                clock,
                config.getMedia(),
                projects,
                mapper,
                environment.getValidator(),
                access,
                audit);
        SecretBundles bundles = new SecretBundles(jdbi, clock, audit, new SecureRandom());
        environment.jersey().register(new SecretBundleResource(bundles));
        WorkerRuntimes runtimes = WorkerRuntimes.build(
                config.getDispatch(), config.getSecrets().getSsmPrefix(), System.getenv(), mapper, bundles);
        environment.lifecycle().manage(runtimes);
        Clankers.Parts clankers =
                Clankers.register(environment, jdbi, clock, mapper, config.getClankers(), runtimes.provisioners());
        Secrets.Parts secrets = Secrets.register(environment.jersey(), jdbi, clock, config.getSecrets(), access);
        // one LISTEN connection per replica for every feature that reacts to other replicas' commits
        DatabaseNotifications notifications = new DatabaseNotifications(
                config.getDataSourceFactory().getUrl(),
                config.getDataSourceFactory().getUser(),
                config.getDataSourceFactory().getPassword());
        environment.lifecycle().manage(notifications);
        Review review = registerJobs(
                config,
                environment,
                jdbi,
                clock,
                tickets,
                projects,
                clankers,
                runtimes,
                secrets,
                access,
                audit,
                notifications);
        McpEndpoint.register(
                environment,
                config.getAuth().isEnabled(),
                auth.apiTokens(),
                audit,
                version,
                McpEndpoint.tools(
                        new CatalogTools(projects, clankers.service(), access),
                        new TicketTools(tickets, review.orchestrator(), access),
                        new ReviewTools(
                                review.workflow(), review.documents(), review.approvals(), review.comments(), access)));
        OpenApi.register(environment.jersey(), version);
        WebApp.register(environment);
    }

    /** The phase services other front doors (Slack, MCP) work through. */
    private record Review(
            WorkflowService workflow,
            DocumentService documents,
            ApprovalService approvals,
            CommentService comments,
            PhaseOrchestrator orchestrator) {}

    /** Jobs, phases and dispatch share the lifecycle and the listeners that react to every job transition. */
    private static Review registerJobs(
            PlatformConfiguration config,
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            TicketService tickets,
            ProjectService projects,
            Clankers.Parts clankers,
            WorkerRuntimes runtimes,
            Secrets.Parts secrets,
            ProjectAccess access,
            AuditLog audit,
            DatabaseNotifications notifications) {
        ObjectMapper mapper = environment.getObjectMapper();
        JobLifecycle lifecycle = new JobLifecycle(mapper);
        LifecycleSync lifecycleSync = new LifecycleSync();
        JsonText json = new JsonText(mapper);
        Feedback feedback = new Feedback(config.getFeedback(), json, config.getPublicUrl());
        DocumentService documents = new DocumentService(jdbi, clock, lifecycleSync, List.of(feedback.outbox()));
        TicketRunEffects ticketEffects = new TicketRunEffects();
        Claws claws = new Claws(json);
        SlackApp slack = new SlackApp(jdbi, clock, json, config.getPublicUrl());
        BudgetGuard budgets =
                new BudgetGuard(jdbi, clock, audit, config.getLlm().getUnmeteredRequestCostUsd());
        JobQueue queue = new JobQueue(jdbi, mapper, lifecycle, List.of(budgets, ticketEffects, lifecycleSync));
        PromptTemplateService prompts = Prompts.register(environment.jersey(), jdbi, clock, access);
        RunTargets targets = new RunTargets(projects, clankers.service(), secrets.service(), clock);
        PayloadFactory payloads = new PayloadFactory(config.getPublicUrl(), clankers.files()::forPayload);
        Sessions sessions =
                new Sessions(jdbi, clock, mapper, config.getSessions(), queue, tickets, targets, payloads, prompts);
        List<JobListener> listeners = List.of(
                ticketEffects,
                new PhaseDocumentEffects(documents), // before the sessions' listener, which tells of the saved revision
                claws.listener(),
                lifecycleSync,
                feedback.outbox(),
                slack.listener(),
                sessions.listener());
        JobSecrets jobSecrets = new JobSecrets(jdbi, secrets.values(), audit, clock);
        ModelBroker broker = new ModelBroker(jdbi, clock, config.getLlm());
        Dispatcher dispatcher = Dispatching.register(
                environment,
                jdbi,
                clock,
                config.getDispatch(),
                config.getDataSourceFactory(),
                config.getPublicUrl(),
                lifecycle,
                listeners,
                jobSecrets,
                broker,
                runtimes.invokers(),
                notifications);
        JobService jobs = new JobService(jdbi, clock, lifecycle, queue, listeners, dispatcher::stopExecution);
        Streams streams = Streams.register(environment, config.getSessions(), notifications);
        Jobs.register(
                environment.jersey(),
                jobs,
                new CallbackService(jdbi, clock, lifecycle, listeners, jobSecrets::redactor, broker),
                access);
        environment.jersey().register(new JobLogStreamResource(new JobLogFrames(jdbi, mapper), streams, access));
        SessionService sessionService =
                sessions.register(environment, jobs, jobSecrets::redactor, streams, access, notifications);
        environment
                .jersey()
                .register(new EgressPolicyResource(new EgressPolicyService(jdbi, clock, audit, mapper), access));
        Llm.register(
                environment,
                jdbi,
                clock,
                config.getLlm(),
                mapper,
                new Llm.Needs(jobSecrets, budgets, lifecycle, listeners, dispatcher::stopExecution, access, audit));
        claws.register(
                environment,
                jdbi,
                clock,
                config.getClaws(),
                secrets.cipher(),
                json,
                queue,
                targets,
                payloads,
                prompts,
                access);
        WorkflowService workflow = new WorkflowService(jdbi, clock, lifecycleSync);
        ApprovalService approvals =
                new ApprovalService(jdbi, clock, lifecycleSync, Approvers.anyone(), List.of(feedback.outbox()));
        java.security.SecureRandom fenceRandom = new java.security.SecureRandom();
        PhaseRunService runs = new PhaseRunService(
                jdbi, clock, queue, tickets, targets, payloads, prompts, () -> UntrustedFence.random(fenceRandom));
        CommentService comments = new CommentService(jdbi, clock);
        Phases.register(environment.jersey(), workflow, documents, approvals, comments, runs, access, audit);
        IntegrationService integrations = Integrations.register(
                environment.jersey(),
                jdbi,
                clock,
                secrets.owned(),
                json,
                Integrations.http(java.time.Duration.ofSeconds(10)),
                new CredentialService(jdbi, clock, secrets.owned()),
                access);
        // the webhook feature starts held runs, and is wired after the trust service it asks for verdicts
        java.util.concurrent.atomic.AtomicReference<HeldRunStarter> heldRuns =
                new java.util.concurrent.atomic.AtomicReference<>();
        TrustService trust = new TrustService(jdbi, clock, json, tickets, heldRuns::get);
        Trust.register(environment.jersey(), trust, access, audit);
        heldRuns.set(Webhooks.register(
                environment,
                jdbi,
                clock,
                config.getWebhooks(),
                config.getPublicUrl(),
                new Webhooks.Needs(integrations, secrets.owned(), tickets, workflow, runs, access, trust),
                notifications));
        feedback.register(environment, jdbi, clock, secrets.owned(), integrations, access);
        PhaseOrchestrator orchestrator = new PhaseOrchestrator(jdbi, tickets, workflow, approvals, runs);
        slack.register(
                environment,
                config.getSlack(),
                new PlatformSecrets(jdbi, secrets.values(), System.getenv()),
                new SlackAccounts(jdbi, config.getAuth().isEnabled()),
                new SlackApp.Services(
                        projects,
                        clankers.service(),
                        tickets,
                        approvals,
                        runs,
                        orchestrator,
                        access,
                        audit,
                        sessionService,
                        mapper));
        return new Review(workflow, documents, approvals, comments, orchestrator);
    }

    private static String version() {
        String version = PlatformApplication.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
