package org.knime.node;

import java.util.function.Consumer;

import org.knime.core.node.port.PortType;
import org.knime.node.DefaultNode.RequireModel;

/** Stand-in for the build stage of {@link DefaultNode} that declares the node's ports (fixed ports only). */
public interface RequirePorts {

    default RequireModel ports(final Consumer<PortsAdder> ports) {
        // the stand-in's DynamicPortsAdder (DefaultNode's port list) also takes fixed ports
        return dynamicPorts(d -> ports.accept((PortsAdder)d));
    }

    RequireModel dynamicPorts(Consumer<DynamicPortsAdder> ports);

    interface PortsAdder {

        PortsAdder addInputPort(String name, String description, PortType portType);

        PortsAdder addOutputPort(String name, String description, PortType portType);
    }

    /** Port groups are not modelled by the stand-in. */
    interface DynamicPortsAdder {
    }
}
