/**
 * Model servers for BECA: {@link dev.beca.models.OllamaModelGateway} serves the core's
 * {@link dev.beca.core.model.ModelGateway} from an Ollama server through LangChain4j's Ollama
 * client, configured by {@link dev.beca.models.OllamaSettings}.
 *
 * <p>Errors of the client are translated into BECA's exceptions with advice that fits Ollama
 * (start the server, pull the model, point BECA elsewhere).
 */
package dev.beca.models;
