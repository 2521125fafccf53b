/** Stand-in for imagej-common's {@code net.imagej.interval} (the supertypes of {@code ImgPlus}). */
package net.imagej.interval;
