// Seccomp profiles for the rule tables: the seed article's, and generated allow- and deny-lists.

export const seed = `{
   "defaultAction": "SCMP_ACT_ERRNO",
   "syscalls": [
       {
           "names": ["open"],
           "action": "SCMP_ACT_ALLOW",
           "args": []
       },
       // Add more syscall rules here
   ]
}
`;

export const allowList = (names: string[], extra = '') =>
  JSON.stringify(
    {
      defaultAction: 'SCMP_ACT_ERRNO',
      syscalls: [
        { names: ['execve', 'mmap', 'exit_group', 'read', 'write'], action: 'SCMP_ACT_ALLOW' },
        { names, action: 'SCMP_ACT_ALLOW' },
      ],
    },
    null,
    2,
  ).replace(/\n}$/, `${extra}\n}`) + '\n';
export const denyList = (names: string[]) => JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: names.length ? [{ names, action: 'SCMP_ACT_ERRNO' }] : [] }, null, 2) + '\n';
