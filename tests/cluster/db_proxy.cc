// db_proxy: a TCP proxy the cluster test puts between one factdesk-server replica and
// the PostgreSQL nodes, to cut that replica off from the database and restore it.
//
//   db_proxy LISTEN_PORT:TARGET_PORT ...   (loopback only)
//   SIGUSR1: cut (every open connection is reset, new ones are refused)
//   SIGUSR2: restore;  SIGTERM/SIGINT: exit
// It prints "db_proxy ready" once every port listens, then "cut" or "restored".
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

struct Route {
  int listen_port = 0;
  int target_port = 0;
  int listen_fd = -1;
};

std::mutex g_mu;
std::vector<int> g_open;  // sockets of live connections, both sides
std::atomic<bool> g_cut{false};

int Listen(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0) {
    std::fprintf(stderr, "db_proxy: cannot listen on %d: %s\n", port,
                 std::generic_category().message(errno).c_str());
    std::exit(1);
  }
  return fd;
}

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Closes with a reset (SO_LINGER 0), as a firewall rejecting the flow would.
void Reset(int fd) {
  linger l{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  shutdown(fd, SHUT_RDWR);
}

void Pump(int a, int b) {
  {
    std::lock_guard lock(g_mu);
    g_open.push_back(a);
    g_open.push_back(b);
  }
  pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  char buf[16384];
  bool open = true;
  while (open && !g_cut) {
    if (poll(fds, 2, 200) <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      open = n > 0 && send(fds[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) == n;
    }
  }
  {
    std::lock_guard lock(g_mu);
    std::erase(g_open, a);
    std::erase(g_open, b);
  }
  Reset(a);
  Reset(b);
  close(a);
  close(b);
}

void Accept(Route* route) {
  for (;;) {
    const int client = accept4(route->listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR) continue;
      return;  // the listening socket was closed (cut)
    }
    const int server = g_cut ? -1 : Connect(route->target_port);
    if (server < 0) {
      Reset(client);
      close(client);
      continue;
    }
    std::thread(Pump, client, server).detach();
  }
}

void StartListening(std::vector<Route>& routes) {
  for (auto& r : routes) {
    r.listen_fd = Listen(r.listen_port);
    std::thread(Accept, &r).detach();
  }
}

void Cut(std::vector<Route>& routes) {
  g_cut = true;
  for (auto& r : routes) {
    shutdown(r.listen_fd, SHUT_RDWR);  // wakes accept(), which then returns
    close(r.listen_fd);
    r.listen_fd = -1;
  }
  std::lock_guard lock(g_mu);
  for (const int fd : g_open) Reset(fd);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Route> routes;
  for (int i = 1; i < argc; ++i) {
    Route r;
    if (std::sscanf(argv[i], "%d:%d", &r.listen_port, &r.target_port) != 2) {
      std::fprintf(stderr, "usage: db_proxy LISTEN_PORT:TARGET_PORT ...\n");
      return 2;
    }
    routes.push_back(r);
  }
  if (routes.empty()) {
    std::fprintf(stderr, "usage: db_proxy LISTEN_PORT:TARGET_PORT ...\n");
    return 2;
  }
  sigset_t set;
  sigemptyset(&set);
  for (const int s : {SIGUSR1, SIGUSR2, SIGTERM, SIGINT}) sigaddset(&set, s);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  StartListening(routes);
  std::printf("db_proxy ready\n");
  std::fflush(stdout);
  for (;;) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig == SIGUSR1 && !g_cut) {
      Cut(routes);
      std::printf("cut\n");
    } else if (sig == SIGUSR2 && g_cut) {
      // Connections still draining saw g_cut and are closing; new ones may come now.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      g_cut = false;
      StartListening(routes);
      std::printf("restored\n");
    } else if (sig == SIGTERM || sig == SIGINT) {
      return 0;
    }
    std::fflush(stdout);
  }
}
