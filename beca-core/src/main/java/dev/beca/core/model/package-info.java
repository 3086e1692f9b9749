/**
 * Models: the roles BECA gives them and the {@link dev.beca.core.model.ModelGateway} through which
 * the assistant and the thread summariser reach them, with its one reply timeout ({@link
 * dev.beca.core.model.WholeReply} waits for a call to end); the model servers, versions and error
 * log as ports, with in-memory stores for applications without a database.
 *
 * <p>Everything here is written against LangChain4j's provider-neutral API; provider clients
 * (Ollama, OpenAI-compatible servers) live in {@code beca-models}. {@link
 * dev.beca.core.model.ModelFailures} turns any client error into a {@link
 * dev.beca.core.BecaException} with a message a user can act on, and {@link
 * dev.beca.core.model.UrlCredentials} keeps the credentials of a server's URL out of every message.
 */
package dev.beca.core.model;
