/**
 * Talking to models: the model servers, the roles and everything done with them.
 *
 * <ul>
 *   <li>Servers: {@link dev.beca.models.OllamaModelServer} and {@link
 *       dev.beca.models.OpenAiCompatibleModelServer} (LM Studio, vLLM, ...), configured by {@link
 *       dev.beca.models.OllamaSettings} and {@link dev.beca.models.OpenAiCompatibleSettings}; each
 *       is a core {@link dev.beca.core.model.ModelServer} speaking its protocol through
 *       LangChain4j.
 *   <li>{@link dev.beca.models.ModelManager}: one builder for the servers, the role defaults and
 *       overrides, the fallback chains ({@link dev.beca.models.FallbackStep}), the {@link
 *       dev.beca.models.ResilienceSettings} and the version store and error log (in memory unless
 *       given). It hands out the parts below, which share that configuration.
 *   <li>{@link dev.beca.models.RoleGateway}: the core's {@link dev.beca.core.model.ModelGateway}
 *       that every model call goes through: the role's active model, timeouts (one reply timeout
 *       for the whole call), retries, a circuit breaker per server, fallbacks, the error log.
 *   <li>{@link dev.beca.models.ModelCatalog}: list, test, use, roll back, history, updates, pull,
 *       delete; {@link dev.beca.models.ModelHealth}: the servers' health; {@link
 *       dev.beca.models.ModelServers}: the configured servers by name.
 *   <li>{@link dev.beca.models.ModelTools}: the catalog's operations as LangChain4j tools.
 * </ul>
 *
 * <p>Errors of the clients reach callers as BECA exceptions whose message says what failed and what
 * to do, with advice that fits the kind of server; credentials in a server's URL are never shown or
 * stored ({@link dev.beca.core.model.UrlCredentials}).
 */
package dev.beca.models;
