/** Implementation details of the model servers: client decorators. */
package dev.beca.models.internal;
