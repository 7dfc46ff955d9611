"""Eclipse Paho Python (Debian's python3-paho-mqtt) as an application uses it, for the client-library
test: connects with keep alive K over its threaded network loop, publishes one QoS 0 message
PUBLISH_AT_MS after CONNECT, and otherwise leaves keep alive to the library. Exits when the library
closes the connection (printing the reason code) or after SECONDS.

usage: pahoKeepAlive.py HOST PORT CLIENT_ID KEEPALIVE_S PUBLISH_AT_MS SECONDS
"""

import sys
import threading
import time

import paho.mqtt.client as mqtt

host, port, client_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
keepalive, publish_at_ms, seconds = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
closed = threading.Event()


def on_disconnect(_client, _userdata, rc):
    print("closed %d" % rc, flush=True)
    closed.set()


client = mqtt.Client(client_id=client_id, clean_session=True)
client.on_disconnect = on_disconnect
start = time.monotonic()
client.connect(host, port, keepalive=keepalive)
client.loop_start()
time.sleep(max(0.0, start + publish_at_ms / 1000 - time.monotonic()))
client.publish("lib/" + client_id, "1", qos=0)
closed.wait(seconds)
