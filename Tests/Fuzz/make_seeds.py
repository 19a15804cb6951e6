#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Tests/Fuzz/seeds/<target>/.

Small valid files for each reader, made with the Python standard library only, so the seeds
do not come from the code under test. Run from anywhere:
    python3 Tests/Fuzz/make_seeds.py
Files named regression-* in the seed folders are inputs that once crashed a reader (see
Docs/Reliability.md); this script leaves them alone.
"""
import gzip
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.join(HERE, "..", "..")
MNIST1D = os.path.join(REPOSITORY, "Benchmarks", "OptimizerBenchmark", "Data")
MNIST = os.path.join(REPOSITORY, "Tests", "LayerwiseTests", "Fixtures", "mnist")


def write(target, name, data):
    folder = os.path.join(HERE, "seeds", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# --- safetensors -----------------------------------------------------------------------------
def safetensors(tensors, metadata=None):
    """tensors: list of (name, dtype, shape, bytes)."""
    header, offset, data = {}, 0, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


f32 = lambda *v: struct.pack("<%df" % len(v), *v)
f64 = lambda *v: struct.pack("<%dd" % len(v), *v)
f16 = lambda *v: struct.pack("<%de" % len(v), *v)
i64 = lambda *v: struct.pack("<%dq" % len(v), *v)
bf16 = lambda *v: b"".join(struct.pack("<f", x)[2:] for x in v)

model = [
    ("0.weight", "F32", [2, 2], f32(1, 2, 3, 4)),
    ("0.bias", "F32", [2], f32(0.5, -0.5)),
    ("1.weight", "F32", [2], f32(1, 1)),
    ("1.bias", "F32", [2], f32(0, 0)),
    ("1.running_mean", "F32", [2], f32(0.1, 0.2)),
    ("1.running_var", "F32", [2], f32(1, 2)),
]
write("safetensors", "model-f32", safetensors(model, {"format": "pt"}))
write("safetensors", "model-f64", safetensors([(n, "F64", s, f64(*struct.unpack("<%df" % (len(b) // 4), b))) for n, _, s, b in model]))
write("safetensors", "model-f16", safetensors([(n, "F16", s, f16(*struct.unpack("<%df" % (len(b) // 4), b))) for n, _, s, b in model]))
write("safetensors", "model-bf16", safetensors([(n, "BF16", s, bf16(*struct.unpack("<%df" % (len(b) // 4), b))) for n, _, s, b in model]))
optimizer = []
for name, _, shape, raw in model[:4]:
    optimizer += [
        ("optimizer.state.%s.step" % name, "I64", [], i64(3)),
        ("optimizer.state.%s.exp_avg" % name, "F32", shape, raw),
        ("optimizer.state.%s.exp_avg_sq" % name, "F32", shape, raw),
    ]
generators = json.dumps({"2.generator": {"state": [1, 2, 3, 4]}})
write("safetensors", "training", safetensors(model + optimizer, {
    "layerwise.optimizer.type": "Adam", "layerwise.optimizer.learning_rate": "0.001",
    "layerwise.model.random_generators": generators, "schedule": '{"stepCount":3}'}))
write("safetensors", "pytorch-batchnorm", safetensors(model + [("1.num_batches_tracked", "I64", [], i64(7))]))
write("safetensors", "empty", safetensors([]))
write("safetensors", "zero-size", safetensors([("a", "F32", [0, 3], b""), ("b", "U8", [3], b"abc")]))
write("safetensors", "escapes", safetensors([("\u00e9\\\"\n", "BOOL", [1], b"\x01")], {"k": "\u2713 \ud83d\ude00"}))

# --- IDX ---------------------------------------------------------------------------------------
def idx(type_code, shape, payload):
    return bytes([0, 0, type_code, len(shape)]) + b"".join(struct.pack(">I", d) for d in shape) + payload

write("idx", "ubyte", idx(0x08, [2, 3], bytes([0, 1, 2, 253, 254, 255])))
write("idx", "byte", idx(0x09, [4], bytes([0, 0x7F, 0x80, 0xFF])))
write("idx", "short", idx(0x0B, [2], struct.pack(">hh", 258, -2)))
write("idx", "int", idx(0x0C, [2], struct.pack(">ii", 65536, -1)))
write("idx", "float", idx(0x0D, [1, 2], struct.pack(">ff", 1.5, -2.5)))
write("idx", "double", idx(0x0E, [2], struct.pack(">dd", 1.5, -0.0)))
write("idx", "labels-gz", gzip.compress(idx(0x08, [5], bytes([7, 2, 1, 0, 4])), mtime=0))
with open(os.path.join(MNIST1D, "mnist1d-test-x.idx"), "rb") as f:
    raw = f.read()
write("idx", "mnist1d-x-2", idx(0x0D, [2, 40], raw[12:12 + 2 * 40 * 4]))
with open(os.path.join(MNIST, "t10k-images-first100-idx3-ubyte"), "rb") as f:
    raw = f.read()
image = idx(0x08, [1, 28, 28], raw[16:16 + 784])
write("idx", "mnist-image", image)
write("idx", "mnist-image-gz", gzip.compress(image, mtime=0))

# --- gzip --------------------------------------------------------------------------------------
def deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()

text = b"".join(b"the quick brown fox jumps over the lazy dog %d\n" % i for i in range(40))
write("gzip", "stored", gzip.compress(b"hello, stored", compresslevel=0, mtime=0))
write("gzip", "fixed", gzip.compress(b"abracadabra abracadabra", mtime=0))
write("gzip", "dynamic", gzip.compress(text, compresslevel=9, mtime=0))
write("gzip", "run", gzip.compress(b"a" * 1000, mtime=0))
write("gzip", "empty", gzip.compress(b"", mtime=0))
write("gzip", "two-members", gzip.compress(b"one", mtime=0) + gzip.compress(b"two", mtime=0))
write("gzip", "binary", gzip.compress(bytes(range(256)) * 4, mtime=0))
header = bytes([0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]) + b"\x02\x00xy" + b"name\x00comment\x00"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
payload = b"with header fields"
write("gzip", "header-fields", header + deflate(payload) + struct.pack("<II", zlib.crc32(payload), len(payload)))

# --- CSV ---------------------------------------------------------------------------------------
write("csv", "simple", b"x,y,label\n1,2.5,0\n-3e2,.5,2\n")
write("csv", "crlf-bom-quotes", b'\xef\xbb\xbf"a","b ""q""",label\r\n 1 , "2" ,1\r\n\r\n3,4,0\r\n')
write("csv", "semicolons", b"a;b\n1;2\n3;4\n")
write("csv", "regression", b"f1,f2,target\n0.1,0.2,0.3\n1e-3,2E+2,-4\n")
try:
    with open(os.path.join(HERE, "..", "..", "Benchmarks", "OptimizerBenchmark", "Data", "digits.csv"), "rb") as f:
        write("csv", "digits-head", b"".join(f.readlines()[:4]))
except OSError:
    pass
