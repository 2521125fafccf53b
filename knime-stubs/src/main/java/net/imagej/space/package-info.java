/** Stand-in for imagej-common's {@code net.imagej.space} (the supertypes of {@code ImgPlus}). */
package net.imagej.space;
