/**
 * ResNet-18/34/50 encoders in torchvision naming (basic and bottleneck units), registered by
 * {@link org.emsym.engine.model.resnet.ResNetProvider}.
 *
 * <p>May import {@code model}.
 */
package org.emsym.engine.model.resnet;
