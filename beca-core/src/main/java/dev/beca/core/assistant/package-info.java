/**
 * The assistant's turn: store the user's message, assemble the prompt, stream the model's reply,
 * store the reply.
 *
 * <p>{@link dev.beca.core.assistant.Assistant} is written against the core's ports only, so any
 * {@link dev.beca.core.conversation.MessageStore} and any {@link dev.beca.core.model.ModelGateway}
 * can be plugged in.
 */
package dev.beca.core.assistant;
