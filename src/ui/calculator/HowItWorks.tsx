// The calculator's reasoning in five sentences, folded away under the plots, each rule with the
// statement id of the standard it comes from (MQTT 3.1.1, the protocol the simulation uses).

export function HowItWorks() {
  return (
    <details className="ka-how">
      <summary>How these are worked out</summary>
      <ul>
        <li>
          A device sends some packet at least every K seconds, a PINGREQ only when it has nothing else to
          send, and any packet resets the timer [MQTT-3.1.2-23].
        </li>
        <li>
          The broker closes a connection that has been silent for 1.5 × K [MQTT-3.1.2-24], and then publishes
          the will [MQTT-3.1.2-8]. Real brokers take longer or shorter: each profile has its own window.
        </li>
        <li>
          Delay = the broker’s window + the latency − the time since the device’s last packet. Best: it dies
          just before its next packet; worst: just after one; mean: at a random moment.
        </li>
        <li>
          Traffic: every PINGREQ is answered by a PINGRESP [MQTT-3.12.4-1], 2 bytes each plus the TCP/IP
          headers. TCP acknowledgements and TLS are not counted.
        </li>
        <li>Keep alive 0 turns keep alive off: a device that loses power is never noticed.</li>
      </ul>
    </details>
  );
}
