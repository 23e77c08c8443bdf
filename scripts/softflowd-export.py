#!/usr/bin/env python3
"""Turns a packet capture into what a router's NetFlow/IPFIX export looks like on the wire: Debian's softflowd reads
the capture (-r) and exports to a UDP socket on loopback that this script opens; every datagram it receives is written
into OUT as a pcap of raw IPv4/UDP packets to port 2055 (the collector port Blinds recognises export captures by).
Flow times come from the exporter's header clock, which softflowd -r takes from the capture; the receive times in OUT
are only the order of arrival.

  softflowd-export.py CAPTURE OUT.pcap [--version 9|10|5] [--timeout maxlife=60 ...] [--track ether|full] [--max-flows N]
"""
import argparse
import socket
import struct
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("capture")
parser.add_argument("out")
parser.add_argument("--version", default="9", choices=["5", "9", "10"])
parser.add_argument("--timeout", action="append", default=[], help="softflowd -t NAME=SECONDS, e.g. maxlife=60")
parser.add_argument("--max-flows", default="8192", help="softflowd -m; reading a file (-r) it checks expiry once per max_flows packets, so a small value makes timeouts act on time")
parser.add_argument("--track", default="full", help="softflowd -T: full (5-tuple) or ether (also the MACs, exported with each flow)")
args = parser.parse_args()

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
sock.bind(("127.0.0.1", 0))
port = sock.getsockname()[1]
command = ["/usr/sbin/softflowd", "-d", "-a", "-A", "milli", "-r", args.capture, "-n", f"127.0.0.1:{port}", "-v", args.version, "-T", args.track, "-m", args.max_flows]
for t in args.timeout:
    command += ["-t", t]
proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

datagrams = []
sock.settimeout(0.5)
quiet_since = None
while True:
    try:
        data = sock.recv(65535)
        datagrams.append(data)
        quiet_since = None
    except socket.timeout:
        if proc.poll() is not None:
            # softflowd has exited and flushed; wait a little for the last datagrams in the socket buffer.
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 1.0:
                break
err = proc.stderr.read().decode(errors="replace")
if proc.returncode != 0:
    sys.exit(f"softflowd failed ({proc.returncode}): {err.strip()}")
if not datagrams:
    sys.exit("softflowd sent no datagrams")


def checksum(header):
    s = sum(struct.unpack("!10H", header))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


with open(args.out, "xb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))  # pcap, LINKTYPE_RAW
    base = int(time.time())
    for i, d in enumerate(datagrams):
        udp = struct.pack("!HHHH", 40000, 2055, 8 + len(d), 0) + d
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
        ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
        packet = ip + udp
        f.write(struct.pack("<IIII", base, i, len(packet), len(packet)) + packet)
print(f"{len(datagrams)} datagrams from softflowd -v {args.version} -T {args.track} {' '.join('-t ' + t for t in args.timeout)}", file=sys.stderr)
