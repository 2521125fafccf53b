#!/usr/bin/env python3
"""Draws the plugin's 16x16 node icons as RGBA PNGs (standard library only).

Run from plugin/:  python3 icons/generate_icons.py
Writes the category icon to icons/ and each node icon beside its node's description XML.
"""
import os
import struct
import zlib

SIZE = 16
CLEAR = (0, 0, 0, 0)
EDGE = (60, 60, 70, 255)
SHEETS = [(200, 200, 205, 255), (170, 170, 178, 255), (140, 140, 150, 255)]
GREEN = (40, 150, 60, 255)
BLUE = (40, 90, 180, 255)
ORANGE = (230, 140, 30, 255)


def canvas():
    return [[CLEAR] * SIZE for _ in range(SIZE)]


def rect(img, x0, y0, x1, y1, fill, edge=EDGE):
    """Filled rectangle with a 1-pixel border, corners inclusive."""
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            border = x in (x0, x1) or y in (y0, y1)
            img[y][x] = edge if border else fill


def stack(img, x, y, w, h):
    """Three sections seen at an angle, back to front: the EM z-stack."""
    for i, fill in enumerate(SHEETS):
        rect(img, x + 2 * (2 - i), y + 2 * i, x + 2 * (2 - i) + w, y + 2 * i + h, fill)


def arrow_right(img, x, y, color):
    for dx in range(5):
        img[y][x + dx] = color
    for d in range(1, 3):
        img[y - d][x + 4 - d] = color
        img[y + d][x + 4 - d] = color


def write_png(path, img):
    raw = b"".join(b"\x00" + b"".join(bytes(px) for px in row) for row in img)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(png)


def reader():
    img = canvas()
    stack(img, 0, 1, 8, 8)
    arrow_right(img, 10, 12, GREEN)
    return img


def writer():
    img = canvas()
    arrow_right(img, 0, 5, BLUE)
    rect(img, 7, 8, 15, 15, ORANGE)  # a disk/file to write to
    stack(img, 6, 0, 5, 5)
    return img


RED = (200, 60, 50, 255)
GRAY = (120, 120, 130, 255)


def network(img, x, y, color):
    """A small U-Net: two columns of nodes narrowing to a bottleneck and widening again."""
    for i, h in enumerate((6, 4, 2, 4, 6)):
        top = y + (6 - h) // 2
        rect(img, x + 2 * i, top, x + 2 * i + 1, top + h, color)


def windowing():
    img = canvas()
    stack(img, 0, 3, 8, 8)
    # the 2k+1 window bracket around the middle sections
    for y in range(1, 15):
        img[y][14] = GREEN
    for x in range(11, 15):
        img[1][x] = GREEN
        img[14][x] = GREEN
    return img


def model_loader():
    img = canvas()
    rect(img, 0, 0, 5, 6, ORANGE)  # weight file
    arrow_right(img, 5, 10, GREEN)
    network(img, 5, 1, BLUE)
    return img


def symmetrizer():
    img = canvas()
    network(img, 0, 1, BLUE)
    # three equal kernels: the uniform first layer
    for x0 in (2, 7, 12):
        rect(img, x0, 10, x0 + 3, 13, GREEN)
    return img


def attribution():
    img = canvas()
    stack(img, 0, 1, 8, 8)
    # bars: attribution share per slice, symmetric about the centre
    for x, h in ((10, 3), (12, 6), (14, 3)):
        for y in range(15 - h, 16):
            img[y][x] = RED
            img[y][x + 1] = RED
    return img


def scorer():
    img = canvas()
    rect(img, 0, 0, 9, 9, BLUE)
    rect(img, 5, 5, 14, 14, ORANGE)
    for i in range(6, 9):
        img[i][i] = GREEN
    return img


def volume_to_image():
    img = canvas()
    stack(img, 0, 0, 6, 6)
    arrow_right(img, 4, 12, GREEN)
    rect(img, 10, 9, 15, 15, GRAY)
    return img


def image_to_volume():
    img = canvas()
    rect(img, 0, 0, 5, 6, GRAY)
    arrow_right(img, 2, 12, GREEN)
    stack(img, 7, 4, 4, 6)
    return img


def learner():
    img = canvas()
    stack(img, 0, 0, 7, 7)
    # a falling loss curve: the model learns
    for x, y in [(8, 9), (9, 11), (10, 12), (11, 13), (12, 13), (13, 14), (14, 14), (15, 14)]:
        img[y][x] = GREEN
    rect(img, 10, 2, 15, 7, ORANGE)  # the model
    return img


def predictor():
    img = canvas()
    rect(img, 0, 0, 5, 5, ORANGE)  # the model
    arrow_right(img, 5, 10, BLUE)
    stack(img, 9, 5, 2, 6)
    for y in range(8, 15):
        img[y][15] = GREEN  # a predicted label section
    return img


def model_writer():
    img = canvas()
    network(img, 0, 0, BLUE)
    arrow_right(img, 3, 12, BLUE)
    rect(img, 9, 9, 15, 15, ORANGE)  # the bundle folder on disk
    return img


def model_reader():
    img = canvas()
    rect(img, 0, 0, 5, 6, ORANGE)  # the bundle folder on disk
    arrow_right(img, 1, 12, GREEN)
    network(img, 6, 5, BLUE)
    return img


def category():
    img = canvas()
    stack(img, 1, 2, 9, 9)
    # the symmetric 2k+1 window: a bright centre section between two equal neighbours
    for y in range(3, 13):
        img[y][14] = GREEN
        img[y][12] = BLUE
        img[y][15] = BLUE
    return img


if __name__ == "__main__":
    node = "src/main/resources/org/emsym/knime/node"
    write_png(os.path.join(node, "reader", "em_stack_reader.png"), reader())
    write_png(os.path.join(node, "writer", "volume_writer.png"), writer())
    write_png(os.path.join(node, "windowing", "stack_windowing.png"), windowing())
    write_png(os.path.join(node, "loader", "model_loader.png"), model_loader())
    write_png(os.path.join(node, "symmetrizer", "weight_symmetrizer.png"), symmetrizer())
    write_png(os.path.join(node, "attribution", "attribution_scorer.png"), attribution())
    write_png(os.path.join(node, "scorer", "segmentation_scorer.png"), scorer())
    write_png(os.path.join(node, "knip", "volume_to_image.png"), volume_to_image())
    write_png(os.path.join(node, "knip", "image_to_volume.png"), image_to_volume())
    write_png(os.path.join(node, "learner", "segmentation_learner.png"), learner())
    write_png(os.path.join(node, "predictor", "segmentation_predictor.png"), predictor())
    write_png(os.path.join(node, "modelwriter", "model_writer.png"), model_writer())
    write_png(os.path.join(node, "modelreader", "model_reader.png"), model_reader())
    write_png("icons/category.png", category())
