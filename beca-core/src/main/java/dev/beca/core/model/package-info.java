/**
 * Models: the roles BECA gives them and the {@link dev.beca.core.model.ModelGateway} through
 * which the assistant reaches them.
 *
 * <p>Everything here is written against LangChain4j's provider-neutral API; provider clients
 * (Ollama, OpenAI-compatible servers) live in {@code beca-models}. {@link
 * dev.beca.core.model.ModelFailures} turns any client error into a {@link
 * dev.beca.core.BecaException} with a message a user can act on.
 */
package dev.beca.core.model;
