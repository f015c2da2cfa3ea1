/*
 * The standalone sice-target program: start it, read the pty path it
 * prints, and drive it with the client like a real board.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctest.h"
#include "serialice/client.h"

CTEST(serialice_program, sice_target_serves_a_pty)
{
    int pipefd[2];
    CT_ASSERT_EQ(pipe(pipefd), 0);
    pid_t pid = fork();
    CT_ASSERT_TRUE(pid >= 0);
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        alarm(30);   /* never outlive the test */
        execl(SICE_TARGET_BIN, "sice-target", "--ram", "0x101f0000+0x10000", "--mainboard",
              "FAKE VERSATILE", (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    char line[256] = "";
    FILE *f = fdopen(pipefd[0], "r");
    bool got = f && fgets(line, sizeof line, f) != NULL;
    char path[128] = "";
    if (got)
        sscanf(line, "sice-target: serving SerialICE on %127s", path);
    CT_EXPECT_TRUE(strncmp(path, "/dev/pts/", 9) == 0);
    if (path[0]) {
        sice_transport t;
        CT_EXPECT_EQ(sice_transport_open_serial(&t, path, 115200), SICE_OK);
        sice_client c;
        sice_client_config cfg = { .timeout_ms = 1000, .quiet_ms = 40 };
        CT_EXPECT_EQ(sice_client_open(&c, &t, &cfg), SICE_OK);
        CT_EXPECT_STREQ(sice_client_mainboard(&c), "FAKE VERSATILE");
        CT_EXPECT_TRUE(strncmp(sice_client_version(&c), "SerialICE v1.6", 14) == 0);
        uint64_t v = 0;
        CT_EXPECT_EQ(sice_write_mem(&c, 0x101f0010, 4, 0x600dcafe), SICE_OK);
        CT_EXPECT_EQ(sice_read_mem(&c, 0x101f0010, 4, &v), SICE_OK);
        CT_EXPECT_EQ(v, 0x600dcafe);
        CT_EXPECT_EQ(sice_read_mem(&c, 0x101f0012, 2, &v), SICE_OK);
        CT_EXPECT_EQ(v, 0x600d);
        sice_transport_close(&t);
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    if (f)
        fclose(f);
}
