package org.emsym.spark;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The DJL device of a Spark task: the first GPU address Spark's resource scheduling assigned to the task
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount} and a discovery
 * script), else the CPU. The address is the device index the executor's process sees, which is what
 * {@link Device#gpu(int)} takes.
 */
final class TaskDevices {

    static final String GPU = "gpu";

    private TaskDevices() {
    }

    /** The device of the running task ({@code ctx} may be null outside a task: CPU). */
    static Device of(TaskContext ctx, int visibleGpus) {
        return ctx == null ? Device.cpu() : of(ctx.resourcesJMap(), visibleGpus);
    }

    /**
     * @param resources the task's resources by name
     * @param visibleGpus GPUs the DJL engine of this JVM can use
     * @throws IllegalStateException if Spark assigned a GPU this engine cannot use (e.g. CPU-only natives, or an
     *     address beyond the visible GPUs): running on the CPU instead would hide a misconfigured cluster
     */
    static Device of(Map<String, ResourceInformation> resources, int visibleGpus) {
        ResourceInformation gpus = resources == null ? null : resources.get(GPU);
        if (gpus == null || gpus.addresses().length == 0) {
            return Device.cpu();
        }
        String address = gpus.addresses()[0];
        int index;
        try {
            index = Integer.parseInt(address.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned GPU address '" + address + "', not a device index; the "
                    + "GPU discovery script must print indices such as \"0\"", e);
        }
        if (index < 0 || index >= visibleGpus) {
            throw new IllegalStateException("Spark assigned GPU " + index + " to this task, but the DJL engine sees "
                    + visibleGpus + " GPU(s)" + (visibleGpus == 0 ? " (CPU-only PyTorch natives on this executor?)"
                    : ""));
        }
        return Device.gpu(index);
    }
}
