import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, mappedIpv4, parseDestination, resolveDestination } from './destination.js';

describe('webhook destination checks', () => {
  it('refuses internal IPv4 and IPv6 addresses and accepts public ones', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:a00:1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1',
    ])
      expect(isForbiddenAddress(address), address).toBe(true);
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(isForbiddenAddress(address), address).toBe(false);
  });

  it('reads IPv4-mapped IPv6 in every spelling', () => {
    expect(mappedIpv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(mappedIpv4('::FFFF:a00:1')).toBe('10.0.0.1');
    expect(mappedIpv4('::1')).toBeNull();
  });

  it('refuses URLs with credentials or another scheme', () => {
    expect(() => parseDestination('https://user:pw@example.com/hook')).toThrow(/not allowed/);
    expect(() => parseDestination('ftp://example.com/')).toThrow(/not allowed/);
    expect(parseDestination('https://example.com/hook').hostname).toBe('example.com');
  });

  it('refuses a name when any of its addresses is internal, and pins the checked address', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '10.0.0.5', family: 4 as const },
    ];
    await expect(
      resolveDestination('https://mixed.example/', { allowPrivate: false, lookup }),
    ).rejects.toMatchObject({
      code: 'webhook_destination_forbidden',
      status: 422,
    });
    const ok = await resolveDestination('https://mixed.example/', { allowPrivate: true, lookup });
    expect(ok.address.address).toBe('93.184.216.34');
    await expect(resolveDestination('http://localhost:8080/', { allowPrivate: false })).rejects.toMatchObject(
      {
        code: 'webhook_destination_forbidden',
      },
    );
  });
});
