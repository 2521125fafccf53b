package net.imagej;

/** Stand-in for imagej-common's {@code net.imagej.Sourced}: something with a source (e.g. a file name). */
public interface Sourced {

    String getSource();

    void setSource(String source);
}
