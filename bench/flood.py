#!/usr/bin/env python3
"""Writes a MAC-flood capture (pcap, Ethernet): what one host randomising its MAC per frame sends.

A minute of one ordinary device talking through the gateway, then N small UDP packets a millisecond apart, each
from a random unicast MAC and a random 10/8 address to one remote service. Seeded: the same arguments give the
same bytes. The tests build the same shape in C# (tests/Blinds.Testing/HostileCaptures.cs); this one is for
bench/flood.sh, which needs millions of packets without building anything.

usage: flood.py OUT.pcap PACKETS [SEED]
"""
import random
import struct
import sys

START = 1767571200  # 2026-01-05T00:00:00Z
GATEWAY = bytes.fromhex("b827eb000001")
DEVICE = bytes.fromhex("00178824 76ff".replace(" ", ""))
REMOTE = bytes([52, 0, 0, 1])


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src_mac: bytes, dst_mac: bytes, src_ip: bytes, dst_ip: bytes, sport: int, dport: int, payload: bytes) -> bytes:
    udp_len = 8 + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, 0, 0, 64, 17, 0, src_ip, dst_ip)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload  # UDP checksum 0: none, valid for IPv4
    return dst_mac + src_mac + b"\x08\x00" + ip + udp


def main() -> None:
    out, packets = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    payload = bytes(32)
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))

        def write(t_us: int, data: bytes) -> None:
            f.write(struct.pack("<IIII", t_us // 1_000_000, t_us % 1_000_000, len(data), len(data)))
            f.write(data)

        device_ip, gateway_side = bytes([192, 168, 1, 23]), REMOTE
        for i in range(60):
            up = i % 2 == 0
            data = frame(DEVICE, GATEWAY, device_ip, gateway_side, 40000, 123, bytes(100)) if up else frame(GATEWAY, DEVICE, gateway_side, device_ip, 123, 40000, bytes(100))
            write((START + i) * 1_000_000, data)

        t0 = (START + 60) * 1_000_000
        for i in range(packets):
            mac = ((rng.getrandbits(48) & ~0x010000000000) | 1).to_bytes(6, "big")
            ip = (0x0A000000 | rng.randrange(1, 0xFFFFFE)).to_bytes(4, "big")
            write(t0 + i * 1000, frame(mac, GATEWAY, ip, REMOTE, rng.randrange(1024, 65535), 443, payload))


if __name__ == "__main__":
    main()
