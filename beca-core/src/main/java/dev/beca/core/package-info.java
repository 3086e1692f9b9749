/**
 * BECA's core: the exception hierarchy shared by every module, and {@link
 * dev.beca.core.Completions} to wait for work of another thread with its own exception.
 *
 * <p>Sub-packages hold the domain records and the published interfaces (ports) that the other
 * modules implement or consume: {@link dev.beca.core.conversation} (messages, sessions and their
 * stores), {@link dev.beca.core.model} (model roles and access to chat models) and {@link
 * dev.beca.core.assistant} (the assistant turn). Core depends on slf4j-api and LangChain4j's
 * provider-neutral API only: no JDBC, no HTTP, no provider client.
 *
 * <p>Every failure that crosses a module boundary is a {@link dev.beca.core.BecaException}, either
 * {@link dev.beca.core.RetriableBecaException retriable} (trying again later may work) or {@link
 * dev.beca.core.NonRetriableBecaException non-retriable} (the request must change first).
 */
package dev.beca.core;
