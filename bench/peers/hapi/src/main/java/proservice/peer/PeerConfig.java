package proservice.peer;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.FulltextSearchSvcImpl;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The smallest Spring configuration that makes HAPI's JPA server run: HAPI's own R4 JPA configuration
 * ({@link JpaR4Config}), its batch framework and the in-memory message channels the batch framework runs on (a stock
 * deployment has all three), plus what HAPI expects the
 * application to supply - the data source, the entity manager factory with HAPI's PostgreSQL dialect, the
 * transaction manager, the storage settings, and the RESTful server with the JPA resource providers.
 *
 * <p>Settings are HAPI's defaults except: the schema is created by Hibernate ({@code hbm2ddl.auto=update}, as the
 * jpaserver-starter does), Hibernate Search (Lucene/Elasticsearch) is off, narratives are off, and
 * {@code PEER_MASS_INGESTION=true} switches on HAPI's mass ingestion mode (used only while bench/peers/run.sh loads
 * the data set, never while it measures).
 *
 * <p>Environment: {@code PEER_DB_URL} (jdbc:postgresql://127.0.0.1:5432/pro_peer), {@code PEER_DB_USER} (postgres),
 * {@code PEER_DB_PASSWORD} (empty), {@code PEER_POOL_MAX} (10, the starter's Hikari default).
 */
@Configuration
@EnableTransactionManagement
@Import({ JpaR4Config.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
        SubscriptionChannelConfig.class })
public class PeerConfig {

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Bean(destroyMethod = "close")
    public DataSource dataSource() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(env("PEER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/pro_peer"));
        c.setUsername(env("PEER_DB_USER", "postgres"));
        c.setPassword(env("PEER_DB_PASSWORD", ""));
        c.setMaximumPoolSize(Integer.parseInt(env("PEER_POOL_MAX", "10")));
        c.setPoolName("peer");
        return new HikariDataSource(c);
    }

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings s = new JpaStorageSettings();
        s.setMassIngestionMode(Boolean.parseBoolean(env("PEER_MASS_INGESTION", "false")));
        // HAPI's default: a reference must name a resource of this server; canonical questionnaire URLs of the
        // service are logical references, as a team would configure for external Questionnaires
        Set<String> logical = new HashSet<>();
        if (s.getTreatReferencesAsLogical() != null) {
            logical.addAll(s.getTreatReferencesAsLogical());
        }
        logical.add(env("PEER_LOGICAL_URLS", "https://pro-service.invalid/fhir/*"));
        s.setTreatReferencesAsLogical(logical);
        s.setHibernateSearchIndexFullText(false);
        s.setHibernateSearchIndexSearchParams(false);
        return s;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beans,
            FhirContext fhirContext, JpaStorageSettings settings, DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, fhirContext, settings);
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setDataSource(dataSource);
        Map<String, Object> p = new HashMap<>();
        p.put("hibernate.dialect", HapiFhirPostgresDialect.class.getName());
        p.put("hibernate.hbm2ddl.auto", "update");
        p.put("hibernate.jdbc.batch_size", "20");
        p.put("hibernate.format_sql", "false");
        p.put("hibernate.show_sql", "false");
        p.put("hibernate.cache.use_query_cache", "false");
        p.put("hibernate.cache.use_second_level_cache", "false");
        p.put("hibernate.cache.use_structured_entries", "false");
        p.put("hibernate.cache.use_minimal_puts", "false");
        p.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        p.put("hibernate.physical_naming_strategy",
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        p.put("hibernate.search.enabled", "false");
        emf.setJpaPropertyMap(p);
        return emf;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory emf) {
        JpaTransactionManager tm = new JpaTransactionManager();
        tm.setEntityManagerFactory(emf);
        return tm;
    }

    // ---- beans HAPI's JpaConfig leaves to the application (the jpaserver-starter defines the same set) ----------

    @Bean
    public IFulltextSearchSvc fullTextSearchSvc() {
        return new FulltextSearchSvcImpl();
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    public IHSearchSortHelper hSearchSortHelper(ISearchParamRegistry registry) {
        return new HSearchSortHelperImpl(registry);
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider() {
        return new DatabaseBackedPagingProvider();
    }

    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Bean
    public RestfulServer restfulServer(IFhirSystemDao<?, ?> systemDao, ResourceProviderFactory providers,
            IJpaSystemProvider systemProvider, DatabaseBackedPagingProvider paging, JpaStorageSettings settings,
            ISearchParamRegistry searchParams, IValidationSupport validation) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(providers.createProviders());
        server.registerProvider(systemProvider);
        server.setServerConformanceProvider(
                new JpaCapabilityStatementProvider(server, systemDao, settings, searchParams, validation));
        server.setPagingProvider(paging);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        return server;
    }
}
