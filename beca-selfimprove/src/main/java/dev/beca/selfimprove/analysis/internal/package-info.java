/** Syntax-tree helpers shared by the analysis and the recipes; not published API. */
package dev.beca.selfimprove.analysis.internal;
