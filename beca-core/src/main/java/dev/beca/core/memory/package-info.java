/**
 * Using the conversation history: context assembly for a token budget, thread summaries, the
 * LangChain4j chat memory adapter and the agent tools, all written against the store interfaces of
 * {@link dev.beca.core.conversation}.
 */
package dev.beca.core.memory;
