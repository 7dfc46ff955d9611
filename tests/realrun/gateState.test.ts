import { describe, expect, it } from 'vitest';
import { GateState } from '../../src/realrun/gateState';

function gate(): { state: GateState; peerCloses: () => number } {
  let closes = 0;
  const state = new GateState({ onPeerClose: () => void closes++ }, () => undefined);
  return { state, peerCloses: () => closes };
}

describe('GateState', () => {
  it('lets traffic pass both ways only while the link is up and the socket open', () => {
    const { state } = gate();
    expect([state.passes, state.delivers]).toEqual([true, true]);
    state.linkDown();
    expect([state.passes, state.delivers, state.state]).toEqual([false, false, 'link-down']);
    state.linkUp();
    expect(state.passes).toBe(true);
    state.kill();
    state.linkUp(); // a dead device stays dead
    expect([state.passes, state.state]).toEqual([false, 'dead']);
  });

  it('a broker close while the link is down is heard at the first write after link-up', () => {
    const { state, peerCloses } = gate();
    state.linkDown();
    expect(state.rawClosing()).toBe('later');
    expect(peerCloses()).toBe(1);
    expect(state.takeUnheardClose()).toBe(false); // still down: nothing reaches the client
    state.linkUp();
    expect(state.passes).toBe(false);
    expect(state.takeUnheardClose()).toBe(true);
    expect(state.takeUnheardClose()).toBe(false);
  });

  it('a client close into a dead link is lost: the real socket stays open and the device is dead', () => {
    const { state } = gate();
    state.linkDown();
    expect(state.clientCloses()).toBe(false);
    expect(state.state).toBe('dead');
  });

  it('a client close with the link up closes the real socket, which is then not reported as the broker’s', () => {
    const { state, peerCloses } = gate();
    expect(state.clientCloses()).toBe(true);
    expect(state.rawClosing()).toBe('now');
    expect(peerCloses()).toBe(0);
    expect(state.rawClosing()).toBe('never');
  });

  it('a broker close with the link up is heard now and reported once', () => {
    const { state, peerCloses } = gate();
    expect(state.rawClosing()).toBe('now');
    expect(state.rawClosing()).toBe('never');
    expect(peerCloses()).toBe(1);
  });
});
