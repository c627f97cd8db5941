import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  joinBaseChoices,
  joinLink,
  joinUrlsResponseSchema,
} from '../../../shared/protocol/join-urls';

const LAN = ['http://192.168.1.23:3000', 'http://10.0.0.5:3000'];

describe('which address the join QR code and links use', () => {
  it('uses PUBLIC_URL alone when the server has one, whatever the page address', () => {
    const urls = { publicUrl: 'https://crisis.example.org', lanUrls: [] };
    expect(joinBaseChoices(urls, 'http://localhost:3000')).toEqual(['https://crisis.example.org']);
    expect(joinBaseChoices(urls, 'http://192.168.1.23:3000')).toEqual(['https://crisis.example.org']);
    // Even if a (misbehaving) server lists LAN addresses too.
    expect(joinBaseChoices({ ...urls, lanUrls: LAN }, 'http://localhost:3000')).toEqual([
      'https://crisis.example.org',
    ]);
  });

  it('offers the LAN addresses, never localhost, when the console runs on localhost', () => {
    for (const page of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect(joinBaseChoices({ publicUrl: null, lanUrls: LAN }, page)).toEqual(LAN);
    }
  });

  it('puts the page address first when other machines can open it, without repeating it', () => {
    expect(joinBaseChoices({ publicUrl: null, lanUrls: LAN }, 'http://10.0.0.5:3000')).toEqual([
      'http://10.0.0.5:3000',
      'http://192.168.1.23:3000',
    ]);
    // A name the facilitator reached the server by (a reverse proxy, mDNS) comes first too.
    expect(joinBaseChoices({ publicUrl: null, lanUrls: LAN }, 'http://crisis.local:3000')[0]).toBe(
      'http://crisis.local:3000',
    );
  });

  it('falls back to the page address only when there is nothing else', () => {
    expect(joinBaseChoices({ publicUrl: null, lanUrls: [] }, 'http://localhost:3000')).toEqual([
      'http://localhost:3000',
    ]);
    expect(joinBaseChoices(undefined, 'http://localhost:3000')).toEqual(['http://localhost:3000']);
    expect(joinBaseChoices(undefined, 'https://crisis.example.org')).toEqual(['https://crisis.example.org']);
  });

  it('drops loopback entries a server might list', () => {
    expect(
      joinBaseChoices(
        { publicUrl: null, lanUrls: ['http://127.0.0.1:3000', ...LAN] },
        'http://localhost:3000',
      ),
    ).toEqual(LAN);
  });

  it('builds the link the QR code encodes', () => {
    expect(joinLink('http://192.168.1.23:3000', 'K7QF2M')).toBe('http://192.168.1.23:3000/join/K7QF2M');
  });

  it('knows the loopback names', () => {
    for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['192.168.1.23', '10.0.0.5', 'crisis.example.org', '127.example.org', 'fe80::1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('validates the REST answer', () => {
    expect(joinUrlsResponseSchema.safeParse({ publicUrl: null, lanUrls: LAN }).success).toBe(true);
    expect(joinUrlsResponseSchema.safeParse({ publicUrl: 'nope', lanUrls: [] }).success).toBe(false);
  });
});
