/** Implementation of the SQLite knowledge base: MyBatis mappers, row types, stores. */
package dev.beca.memory.internal;
