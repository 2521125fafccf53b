package net.imagej;

import net.imagej.axis.CalibratedAxis;
import net.imagej.space.CalibratedSpace;

import org.scijava.Named;

/** Stand-in for imagej-common's {@code net.imagej.ImgPlusMetadata}: name, source, calibrated axes, image metadata. */
public interface ImgPlusMetadata extends Named, Sourced, CalibratedSpace<CalibratedAxis>, ImageMetadata {
}
