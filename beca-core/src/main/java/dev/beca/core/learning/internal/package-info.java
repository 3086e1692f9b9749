/**
 * Not published: the readers of build files and the framework catalogue of the repository miner.
 */
package dev.beca.core.learning.internal;
